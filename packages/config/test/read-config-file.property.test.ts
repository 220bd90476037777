/**
 * Property: whatever a config file holds, reading it gives a configuration or throws a
 * `ConfigError` — never another exception.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ConfigError, readConfigFile } from '../src/node.js';
import { useTempDirs } from './temp-dirs.js';

const tempDir = useTempDirs();

const KEYS = [
  'server_url',
  'user_name',
  'access_token',
  'serverUrl',
  'token',
  '? ',
  '- ',
  '&a',
  '*a',
  '!!binary',
];

/** Text that looks like YAML: `key: value` lines with odd keys, values, indentation and tags. */
const yamlish = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '  ', '\t', '- '),
      fc.oneof(fc.constantFrom(...KEYS), fc.string()),
      fc.constantFrom(': ', ':', ' : ', ': |\n  ', ': >\n', ': !!str ', ': [', ': {'),
      fc.oneof(
        fc.string(),
        fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
      ),
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.map((parts) => parts.join('')).join('\n'));

const contents = fc.oneof(
  fc.string({ unit: 'binary' }),
  yamlish,
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 1, max: 1000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .integer({ min: 1, max: 1000 })
    .map((depth) => `a: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`),
);

describe('readConfigFile', () => {
  it('reads any file content as a configuration or a ConfigError', () => {
    const file = path.join(tempDir(), 'config');
    fc.assert(
      fc.property(contents, (content) => {
        fs.writeFileSync(file, content);
        try {
          readConfigFile(file);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
        }
      }),
      { numRuns: 200 },
    );
    // Deep documents take a while to parse on a loaded machine; the bound only stops a hang.
  }, 120_000);
});
