import type { Document, LineCounter, Node, YAMLError } from 'yaml';
import { type ClientConfig, CONFIG_KEYS, type ConfigKey } from './config.js';
import { fileError } from './errors.js';
import { checkConfigValue } from './validate.js';
import { loadYaml } from './yaml.js';

/** The snake_case keys of the file shared with the Python client. */
export const FILE_KEYS = {
  serverUrl: 'server_url',
  userName: 'user_name',
  accessToken: 'access_token',
} as const satisfies Record<ConfigKey, string>;

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
      `expected a mapping of ${Object.values(FILE_KEYS).join(', ')}, got ${nodeKind(contents)}`,
      position(lines, contents.range?.[0]),
    );
  }
  return { file, doc, lines };
}

/**
 * Reads the known keys of a parsed config file into a {@link ClientConfig}; other keys are ignored.
 *
 * @throws ConfigError naming the key, file, line and column of a value that is not a string or not an
 *   http(s) URL. Never quotes the value of a non-string or the token.
 */
export function configFromDocument({ file, doc, lines }: ConfigDocument): ClientConfig {
  const { isAlias, isNode, isScalar } = loadYaml();
  const config: ClientConfig = {};
  for (const key of CONFIG_KEYS) {
    const node = doc.get(FILE_KEYS[key], true);
    if (node === undefined) continue;
    const at = isNode(node) ? position(lines, node.range?.[0]) : undefined;
    const target = isAlias(node) ? node.resolve(doc) : node;
    if (target === undefined)
      throw fileError(file, `${FILE_KEYS[key]}: alias to an unknown anchor`, at);
    const checked = checkConfigValue(key, isScalar(target) ? target.value : placeholder(target));
    if (!checked.ok) {
      const hint =
        isScalar(target) && typeof target.value !== 'string'
          ? ' (quote it to make it a string)'
          : '';
      throw fileError(file, `${FILE_KEYS[key]}: ${checked.problem}${hint}`, at);
    }
    if (checked.value !== undefined) config[key] = checked.value;
  }
  return config;
}

/**
 * Sets the given values on the document, keeping everything else (unknown keys, comments, order).
 * `undefined` leaves a key as it is; `''` removes it. Values must have been checked.
 */
export function applyConfig({ doc }: ConfigDocument, config: ClientConfig): void {
  const { isScalar } = loadYaml();
  for (const key of CONFIG_KEYS) {
    const value = config[key];
    if (value === undefined) continue;
    if (value === '') {
      doc.delete(FILE_KEYS[key]);
      continue;
    }
    const node = doc.get(FILE_KEYS[key], true);
    if (isScalar(node)) {
      // Keeps the node's comment. An explicit tag such as `!!int` would make the string read back
      // as something else.
      node.value = value;
      node.tag = undefined;
    } else {
      doc.set(FILE_KEYS[key], doc.createNode(value));
    }
  }
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
