import type { Document, LineCounter, Node, YAMLError } from 'yaml';
import {
  type ClientConfig,
  CONFIG_KEYS,
  type ConfigKey,
  FILE_KEY_ALIASES,
  FILE_KEYS,
} from './config.js';
import { fileError } from './errors.js';
import { checkConfigValue } from './validate.js';
import { loadYaml } from './yaml.js';

/** A parsed config file: its YAML document (comments and unknown keys included) and its positions. */
export interface ConfigDocument {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/**
 * Parses the text of a config file. The document must be a mapping; an empty file (or one with only
 * comments, or `~`) is an empty mapping.
 *
 * YAML 1.1, as the Python client reads the file with PyYAML: `user_name: no` is a boolean there, so it
 * is one here too (and rejected), and strings such as `'no'` or `'0x1F'` are written quoted.
 *
 * @throws ConfigError for malformed YAML or a document that is not a mapping, with line and column.
 */
export function parseConfigDocument(file: string, text: string): ConfigDocument {
  const { LineCounter, isMap, isScalar, parseDocument } = loadYaml();
  const lines = new LineCounter();
  // prettyErrors would append the offending source line to messages: it may hold the token.
  const doc: Document = parseDocument(text, {
    version: '1.1',
    prettyErrors: false,
    lineCounter: lines,
  });
  const [error] = doc.errors;
  if (error) throw fileError(file, describeYamlError(error), position(lines, error.pos[0]));
  const { contents } = doc;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    doc.contents = doc.createNode({});
  } else if (!isMap(contents)) {
    throw fileError(
      file,
      `expected a mapping of keys such as server_url, got ${nodeKind(contents)}`,
      position(lines, contents.range?.[0]),
    );
  }
  return { file, doc, lines };
}

/**
 * Reads the known keys of a parsed config file into a {@link ClientConfig}, in either spelling (ours,
 * or the Python client's `api_url`, `username`, `token`); other keys are ignored here and reported by
 * {@link unknownFileKeys}.
 *
 * @throws ConfigError naming the key, file, line and column of a value of the wrong type or an
 *   invalid URL or auth type, or of two spellings of one key with different values. Never quotes the
 *   value of a non-string or a secret.
 */
export function configFromDocument({ file, doc, lines }: ConfigDocument): ClientConfig {
  const { isAlias, isNode, isScalar } = loadYaml();
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    for (const name of fileNames(key)) {
      const node = doc.get(name, true);
      if (node === undefined) continue;
      const at = isNode(node) ? position(lines, node.range?.[0]) : undefined;
      const target = isAlias(node) ? node.resolve(doc) : node;
      if (target === undefined) throw fileError(file, `${name}: alias to an unknown anchor`, at);
      const checked = checkConfigValue(key, isScalar(target) ? target.value : placeholder(target));
      if (!checked.ok) {
        const hint =
          key !== 'useBearer' && isScalar(target) && typeof target.value !== 'string'
            ? ' (quote it to make it a string)'
            : '';
        throw fileError(file, `${name}: ${checked.problem}${hint}`, at);
      }
      if (checked.value === undefined) continue;
      if (config[key] !== undefined && config[key] !== checked.value) {
        throw fileError(file, `${name} and ${FILE_KEYS[key]} differ: keep one of them`, at);
      }
      config[key] = checked.value;
    }
  }
  return config as ClientConfig;
}

/** The top-level keys of the file that are no spelling of a {@link ClientConfig} key (typos, mostly). */
export function unknownFileKeys({ doc }: ConfigDocument): string[] {
  const { isMap, isScalar } = loadYaml();
  const known = new Set<unknown>(CONFIG_KEYS.flatMap(fileNames));
  const contents = doc.contents;
  if (!isMap(contents)) return [];
  return contents.items
    .map((pair) => (isScalar(pair.key) ? pair.key.value : pair.key))
    .filter((key) => !known.has(key))
    .map(String);
}

/**
 * Sets the given values on the document, keeping everything else (unknown keys, comments, order).
 * `undefined` leaves a key as it is; `''` removes it. Values are written under our key names: the
 * Python client's spelling of a key written is renamed in place (keeping its comment), so the file
 * never holds both.
 * Values must have been checked.
 */
export function applyConfig({ doc }: ConfigDocument, config: ClientConfig): void {
  const { isScalar } = loadYaml();
  for (const key of CONFIG_KEYS) {
    const value = config[key];
    if (value === undefined) continue;
    const [name, alias] = fileNames(key) as [string, string?];
    if (alias !== undefined) renameKey(doc, alias, name);
    if (value === '') {
      doc.delete(name);
      continue;
    }
    const node = doc.get(name, true);
    if (isScalar(node)) {
      // Keeps the node's comment. An explicit tag such as `!!int` would make the string read back
      // as something else.
      node.value = value;
      node.tag = undefined;
    } else {
      doc.set(name, doc.createNode(value));
    }
  }
}

// Renames `from` to `to` unless `to` is there already (then `from`, a duplicate spelling, goes).
function renameKey(doc: Document, from: string, to: string): void {
  const { isMap, isScalar } = loadYaml();
  if (!isMap(doc.contents)) return;
  if (doc.has(to)) {
    doc.delete(from);
    return;
  }
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === from);
  if (pair && isScalar(pair.key)) pair.key.value = to;
}

// Our key name first, then the Python client's spelling where it differs.
function fileNames(key: ConfigKey): string[] {
  const alias: string | undefined = FILE_KEY_ALIASES[key as keyof typeof FILE_KEY_ALIASES];
  return alias === undefined ? [FILE_KEYS[key]] : [FILE_KEYS[key], alias];
}

/** The document as text; long values stay on one line so they read back unchanged anywhere. */
export function stringifyConfigDocument({ doc }: ConfigDocument): string {
  return doc.toString({ lineWidth: 0 });
}

// A collection stands in as an empty value of its kind, enough for the type message.
function placeholder(node: unknown): unknown {
  return loadYaml().isSeq(node) ? [] : {};
}

function nodeKind(node: Node): string {
  const { isScalar, isSeq } = loadYaml();
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `a ${node.value === null ? 'null' : typeof node.value} value`;
  return 'an alias';
}

// yaml's messages may end in quoted source text (`...: "value"`), which could be the token:
// keep the description only.
function describeYamlError(error: YAMLError): string {
  if (error.code === 'BAD_DQ_ESCAPE') return 'Invalid escape sequence in a double-quoted string';
  if (error.code === 'MULTIPLE_DOCS') return 'expected one YAML document, found several';
  return error.message.split(': ')[0] ?? error.message;
}

function position(lines: LineCounter, offset: number | undefined) {
  if (offset === undefined || offset < 0) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
