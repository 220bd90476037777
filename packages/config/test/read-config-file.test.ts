import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfigPath, readConfigFile } from '../src/node.js';
import { putConfigFile, thrown, useTempDirs } from './temp-dirs.js';

const tempDir = useTempDirs();

function readError(home: string, text: string): ConfigError {
  const file = putConfigFile(home, text);
  const error = thrown(() => readConfigFile(file));
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).file).toBe(file);
  return error as ConfigError;
}

describe('defaultConfigPath', () => {
  it('is .s2gos/config in the home directory', () => {
    expect(defaultConfigPath('/home/bibo')).toBe(path.join('/home/bibo', '.s2gos', 'config'));
  });
});

describe('readConfigFile', () => {
  it('reads the snake_case keys shared with the Python client', () => {
    const home = tempDir();
    putConfigFile(
      home,
      'server_url: https://s2gos.example/api\nuser_name: bibo\naccess_token: "0123"\n',
    );
    expect(readConfigFile(undefined, { homeDir: home })).toEqual({
      serverUrl: 'https://s2gos.example/api',
      userName: 'bibo',
      accessToken: '0123',
    });
  });

  it('reads a given path', () => {
    const file = path.join(tempDir(), 'elsewhere.yaml');
    fs.writeFileSync(file, 'user_name: bibo\n');
    expect(readConfigFile(file)).toEqual({ userName: 'bibo' });
  });

  it('gives {} for a missing file, and for a missing folder', () => {
    expect(readConfigFile(undefined, { homeDir: tempDir() })).toEqual({});
    expect(readConfigFile(path.join(tempDir(), 'no', 'such', 'config'))).toEqual({});
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing here yet\n'],
    ['a null document', '~\n'],
    ['empty values', 'server_url:\nuser_name: ""\naccess_token: null\n'],
  ])('gives {} for %s', (_, text) => {
    const home = tempDir();
    expect(readConfigFile(putConfigFile(home, text))).toEqual({});
  });

  it('ignores keys it does not know', () => {
    const file = putConfigFile(
      tempDir(),
      'user_name: bibo\nfavourite_colour: blue\nserverUrl: 3\n',
    );
    expect(readConfigFile(file)).toEqual({ userName: 'bibo' });
  });

  it('reports malformed YAML with the file, line and column', () => {
    const home = tempDir();
    const error = readError(home, 'user_name: bibo\nserver_url: http://x\nuser_name: again\n');
    expect(error.line).toBe(3);
    expect(error.column).toBe(1);
    expect(error.message).toBe(
      `Invalid config file ${error.file} (line 3, column 1): Map keys must be unique`,
    );
  });

  it('reports unclosed brackets with a position', () => {
    const error = readError(tempDir(), 'user_name: [bibo\n');
    expect(error.message).toMatch(/^Invalid config file .+ \(line \d+, column \d+\): /);
    expect(error.line).toBeGreaterThanOrEqual(1);
  });

  it('reports a file with several documents', () => {
    const error = readError(tempDir(), 'user_name: a\n---\nuser_name: b\n');
    expect(error.message).toContain(
      '(line 2, column 1): expected one YAML document, found several',
    );
  });

  it.each([
    ['a list', '- server_url: http://x\n', 'got a list'],
    ['a string', 'just some text\n', 'got a string value'],
    ['a number', '42\n', 'got a number value'],
  ])('rejects %s as the document', (_, text, got) => {
    const error = readError(tempDir(), text);
    expect(error.message).toContain(
      `(line 1, column 1): expected a mapping of keys such as server_url, ${got}`,
    );
  });

  it.each([
    [
      'server_url: 42',
      'server_url: expected a string, got a number (quote it to make it a string)',
    ],
    [
      'user_name: yes',
      'user_name: expected a string, got a boolean (quote it to make it a string)',
    ],
    ['user_name: [a, b]', 'user_name: expected a string, got a list'],
    ['access_token: {a: 1}', 'access_token: expected a string, got a mapping'],
    [
      'access_token: 2024-01-01',
      'access_token: expected a string, got a date (quote it to make it a string)',
    ],
    ['access_token: *nowhere', 'access_token: alias to an unknown anchor'],
  ])('rejects a wrong type: %s', (line, problem) => {
    const error = readError(tempDir(), `# config\n${line}\n`);
    expect(error.message).toBe(
      `Invalid config file ${error.file} (line 2, column ${line.indexOf(' ') + 2}): ${problem}`,
    );
    expect(error.line).toBe(2);
  });

  it('follows aliases to string values', () => {
    const file = putConfigFile(tempDir(), 'user_name: &me bibo\naccess_token: *me\n');
    expect(readConfigFile(file)).toEqual({ userName: 'bibo', accessToken: 'bibo' });
  });

  it('rejects a server URL that is not http(s), with its position', () => {
    const error = readError(tempDir(), 'user_name: bibo\nserver_url:   ftp://files.example\n');
    expect(error.message).toBe(
      `Invalid config file ${error.file} (line 2, column 15): server_url: expected an http(s) URL, got "ftp://files.example"`,
    );
  });

  it('reports a directory where the file should be', () => {
    const home = tempDir();
    const file = defaultConfigPath(home);
    fs.mkdirSync(file, { recursive: true });
    const error = thrown(() => readConfigFile(undefined, { homeDir: home })) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`Cannot read config file ${file}: it is a directory`);
    expect(error.file).toBe(file);
  });

  it('reports a FIFO instead of blocking on it', () => {
    const home = tempDir();
    const file = defaultConfigPath(home);
    fs.mkdirSync(path.dirname(file));
    execFileSync('mkfifo', [file]);
    const error = thrown(() => readConfigFile(file));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `Cannot read config file ${file}: it is not a regular file`,
    );
  });

  it('reports a file where the folder should be, with the OS reason', () => {
    const home = tempDir();
    fs.writeFileSync(path.join(home, '.s2gos'), 'not a folder');
    const error = thrown(() => readConfigFile(undefined, { homeDir: home })) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^Cannot read config file .+: ENOTDIR: not a directory/);
    expect(error.cause).toMatchObject({ code: 'ENOTDIR' });
  });

  it('names a relative path as an absolute one', () => {
    const error = thrown(() => readConfigFile('.')) as ConfigError;
    expect(error.file).toBe(process.cwd());
  });
});

describe('the access token never appears in an error message', () => {
  const token = 'S3CRET-t0ken-4711-abcdef';
  it.each([
    `access_token: ${token}\nserver_url: ftp://x\n`,
    `access_token: ${token}\nuser_name: [bibo\n`,
    `access_token: ${token}: x\n`,
    `access_token: |${token}\n`,
    `access_token: "${token}\\q"\n`,
    `access_token: "\\x${token}"\n`,
    `access_token: *${token}\n`,
    `access_token: !!binary ${token}\n`,
    `  access_token: x\n ${token}: y\n`,
    `access_token: ${token}\naccess_token: ${token}\n`,
    `- ${token}\n`,
    `${token}\n`,
    `access_token: [${token}]\n`,
    `{ access_token: ${token}, user_name: ] }\n`,
    `access_token: '${token}\n`,
  ])('%j', (text) => {
    const error = readError(tempDir(), text);
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain('S3CRET');
    expect(String(error.cause ?? '')).not.toContain('S3CRET');
  });
});
