/**
 * The one YAML writer of the CLI. What it writes reads back as the same values in a YAML 1.2
 * parser and in PyYAML (YAML 1.1), which the Python tool and its users' scripts read with:
 * strings that YAML 1.1 resolves otherwise are quoted, numbers are spelled so that PyYAML sees
 * numbers, and characters PyYAML refuses anywhere in a stream are escaped.
 */
import { Document, isPair, isScalar, type ScalarTag, type Tags, visit } from 'yaml';

/** Comments to write above map keys, by the dotted path of the key (`inputs.min_val`). */
export type YamlComments = Readonly<Record<string, string>>;

// PyYAML resolves a plain `=` to its "value" tag, which its safe loader cannot construct: the
// string must be quoted. The yaml-1.1 compat schema knows everything else PyYAML resolves.
const pyYamlValueTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:value',
  default: true,
  test: /^=$/,
  identify: () => false,
  resolve: (text) => text,
};

// Characters PyYAML refuses anywhere in a stream (C0 controls other than tab/LF/CR, DEL, C1
// controls, U+FFFE/FFFF) or reads as line breaks (NEL, U+2028/2029), so that they must be
// written as escapes in double quotes. JSON.stringify, on which the yaml package builds double
// quotes, leaves all but the C0 controls raw.
const ESCAPED =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufffe\\uffff';
const NEEDS_ESCAPE = new RegExp(`[${ESCAPED}]`, 'g');
// PyYAML also ends a plain scalar at a tab: such strings go in double quotes too (as `\t`).
const NEEDS_DOUBLE_QUOTES = new RegExp(`[\\t${ESCAPED}]`);

/**
 * Renders `value` (JSON data) as YAML that PyYAML's `safe_load` and the `yaml` package both read
 * back as `value`; with `comments`, each comment goes above the map key at its path.
 */
export function stringifyYaml(value: unknown, comments: YamlComments = {}): string {
  const doc = new Document(value, { compat: 'yaml-1.1', customTags: pyYamlTags });
  visit(doc, {
    Pair(_key, pair, path) {
      if (!isScalar(pair.key)) return;
      const keys = [...path, pair]
        .filter(isPair)
        .map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      const comment = comments[keys.join('.')];
      if (comment === undefined) return;
      // One `#` line per line of the comment, whatever line breaks the text holds.
      const lines = comment.replace(NEEDS_ESCAPE, '?').split(/\r\n|\r|\n/);
      pair.key.commentBefore = lines.map((line) => ` ${line}`).join('\n');
    },
    Scalar(_key, node) {
      // Only double quotes can carry the escapes these characters need.
      if (typeof node.value === 'string' && NEEDS_DOUBLE_QUOTES.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  // lineWidth 0: never fold long strings (tracebacks, URLs) over several lines. After the visit
  // every such character stands inside double quotes, where an escape means the same.
  return doc.toString({ lineWidth: 0 }).replace(NEEDS_ESCAPE, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

/** The schema's tags with numbers spelled for PyYAML, plus {@link pyYamlValueTag}. */
function pyYamlTags(tags: Tags): Tags {
  return [
    ...tags.map((tag) =>
      typeof tag === 'object' && isNumberTag(tag) && tag.stringify
        ? { ...tag, stringify: withPyYamlExponent(tag.stringify) }
        : tag,
    ),
    pyYamlValueTag,
  ];
}

function isNumberTag(tag: { identify?: ((value: unknown) => boolean) | undefined }): boolean {
  return tag.identify?.(1) === true || tag.identify?.(0.5) === true;
}

/** PyYAML reads `1e-7` and `1e+21` as strings: its floats need a dot, `1.0e-7`. */
function withPyYamlExponent(
  stringify: NonNullable<ScalarTag['stringify']>,
): ScalarTag['stringify'] {
  return (...args) => stringify(...args).replace(/^(-?\d+)([eE])/, '$1.0$2');
}
