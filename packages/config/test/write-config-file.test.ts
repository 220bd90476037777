import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, defaultConfigPath, readConfigFile, writeConfigFile } from '../src/node.js';
import { putConfigFile, thrown, useTempDirs } from './temp-dirs.js';

const tempDir = useTempDirs();

const mode = (file: string) => fs.statSync(file).mode & 0o777;

function writeError(...args: Parameters<typeof writeConfigFile>): ConfigError {
  const error = thrown(() => writeConfigFile(...args));
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('writeConfigFile', () => {
  it('creates the folder (0700) and the file (0600) and returns the path', () => {
    const home = tempDir();
    const written = writeConfigFile(
      { serverUrl: 'https://s2gos.example', userName: 'bibo', accessToken: 'secret-4711' },
      undefined,
      { homeDir: home },
    );
    expect(written).toBe(defaultConfigPath(home));
    expect(mode(path.dirname(written))).toBe(0o700);
    expect(mode(written)).toBe(0o600);
    expect(fs.readFileSync(written, 'utf8')).toBe(
      'server_url: https://s2gos.example\nuser_name: bibo\naccess_token: secret-4711\n',
    );
  });

  it('leaves the mode of an existing folder alone', () => {
    const home = tempDir();
    fs.mkdirSync(path.join(home, '.s2gos'), { mode: 0o755 });
    fs.chmodSync(path.join(home, '.s2gos'), 0o755);
    const file = writeConfigFile({ userName: 'bibo' }, undefined, { homeDir: home });
    expect(mode(path.dirname(file))).toBe(0o755);
    expect(mode(file)).toBe(0o600);
  });

  it('makes an existing world-readable file 0600', () => {
    const file = putConfigFile(tempDir(), 'user_name: bibo\n');
    fs.chmodSync(file, 0o644);
    writeConfigFile({ accessToken: 'secret-4711' }, file);
    expect(mode(file)).toBe(0o600);
  });

  it('reads back what it wrote, including strings YAML would take for something else', () => {
    const home = tempDir();
    for (const userName of [
      'no',
      'yes',
      '0x1F',
      '123',
      '1_000',
      '12:30',
      'a: b',
      '#x',
      ' x ',
      'ü\n"\'',
      '~',
      'null',
      '2024-01-01',
    ]) {
      writeConfigFile({ userName }, undefined, { homeDir: home });
      expect(readConfigFile(undefined, { homeDir: home })).toEqual({ userName });
    }
  });

  it('writes a long value on one line', () => {
    const home = tempDir();
    const userName = `${'word '.repeat(40)}end`;
    const file = writeConfigFile({ userName }, undefined, { homeDir: home });
    expect(fs.readFileSync(file, 'utf8').split('\n')).toHaveLength(2);
    expect(readConfigFile(file)).toEqual({ userName });
  });

  it('keeps unknown keys, comments and order; undefined keeps a key, "" removes it', () => {
    const file = putConfigFile(
      tempDir(),
      [
        '# S2GOS client configuration',
        'server_url: http://old.example # the old server',
        '',
        '# shared with another tool',
        'proxy: { host: proxy.example, port: 3128 }',
        'user_name: bibo',
        'access_token: old-token',
        '',
      ].join('\n'),
    );
    writeConfigFile(
      { serverUrl: 'https://new.example', userName: undefined, accessToken: '' },
      file,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(
      [
        '# S2GOS client configuration',
        'server_url: https://new.example # the old server',
        '',
        '# shared with another tool',
        'proxy: { host: proxy.example, port: 3128 }',
        'user_name: bibo',
        '',
      ].join('\n'),
    );
  });

  it('adds missing keys after the existing ones', () => {
    const file = putConfigFile(tempDir(), '# mine\nother: 1\n');
    writeConfigFile({ accessToken: 'secret-4711', serverUrl: 'http://x.example' }, file);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      '# mine\nother: 1\nserver_url: http://x.example\naccess_token: secret-4711\n',
    );
  });

  it.each([
    ['an empty file', ''],
    ['a comment-only file', '# to be filled\n'],
    ['a null document', '~\n'],
  ])('writes into %s', (_, text) => {
    const file = putConfigFile(tempDir(), text);
    writeConfigFile({ userName: 'bibo' }, file);
    expect(readConfigFile(file)).toEqual({ userName: 'bibo' });
    if (text.startsWith('#')) expect(fs.readFileSync(file, 'utf8')).toContain('# to be filled');
  });

  it('replaces a value with an explicit tag by a plain string', () => {
    const file = putConfigFile(tempDir(), 'user_name: !!int 42\n');
    writeConfigFile({ userName: 'bibo' }, file);
    expect(readConfigFile(file)).toEqual({ userName: 'bibo' });
  });

  it('writes through a symlink instead of replacing it', () => {
    const dir = tempDir();
    const real = path.join(dir, 'dotfiles', 's2gos-config');
    fs.mkdirSync(path.dirname(real));
    fs.writeFileSync(real, 'user_name: bibo\n');
    const link = path.join(dir, 'config');
    fs.symlinkSync(real, link);
    writeConfigFile({ accessToken: 'secret-4711' }, link);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readConfigFile(real)).toEqual({ userName: 'bibo', accessToken: 'secret-4711' });
  });

  it('leaves no temporary file behind', () => {
    const home = tempDir();
    const file = writeConfigFile({ userName: 'bibo' }, undefined, { homeDir: home });
    writeConfigFile({ userName: 'bibo2' }, undefined, { homeDir: home });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['config']);
  });

  describe('writes nothing', () => {
    it('for an invalid server URL, naming the file', () => {
      const home = tempDir();
      const error = writeError({ serverUrl: 'localhost:8008' }, undefined, { homeDir: home });
      expect(error.message).toBe(
        `Cannot write config file ${defaultConfigPath(home)}: invalid serverUrl: expected an http(s) URL, got "localhost:8008"; did you mean "http://localhost:8008"?`,
      );
      expect(error.file).toBe(defaultConfigPath(home));
      expect(fs.readdirSync(home)).toEqual([]);
    });

    it('for a value that is not a string, without quoting it', () => {
      const file = putConfigFile(tempDir(), 'user_name: bibo\n');
      const accessToken = 12345678 as unknown as string;
      const error = writeError({ accessToken }, file);
      expect(error.message).toContain('invalid accessToken: expected a string, got a number');
      expect(error.message).not.toContain('12345678');
      expect(fs.readFileSync(file, 'utf8')).toBe('user_name: bibo\n');
    });

    it('over a broken file, which stays as it was', () => {
      const broken = 'access_token: S3CRET-t0ken-4711\nuser_name: [bibo\n';
      const file = putConfigFile(tempDir(), broken);
      const error = writeError({ userName: 'bibo' }, file);
      expect(error.message).toMatch(/^Invalid config file .+ \(line \d+, column \d+\): /);
      expect(error.message).not.toContain('S3CRET');
      expect(fs.readFileSync(file, 'utf8')).toBe(broken);
    });

    it('over a file that is not a mapping', () => {
      const file = putConfigFile(tempDir(), '- a\n- b\n');
      writeError({ userName: 'bibo' }, file);
      expect(fs.readFileSync(file, 'utf8')).toBe('- a\n- b\n');
    });

    it('when an untouched key would stay invalid', () => {
      const file = putConfigFile(tempDir(), 'server_url: 42\n');
      const error = writeError({ userName: 'bibo' }, file);
      expect(error.message).toContain('(line 1, column 13): server_url: expected a string');
      expect(fs.readFileSync(file, 'utf8')).toBe('server_url: 42\n');
    });

    it('to a directory', () => {
      const home = tempDir();
      const file = defaultConfigPath(home);
      fs.mkdirSync(file, { recursive: true });
      const error = writeError({ userName: 'bibo' }, file);
      expect(error.message).toBe(`Cannot read config file ${file}: it is a directory`);
      expect(fs.readdirSync(file)).toEqual([]);
    });

    it('where the folder is a file', () => {
      const home = tempDir();
      fs.writeFileSync(path.join(home, '.s2gos'), 'keep me');
      const error = writeError({ userName: 'bibo' }, undefined, { homeDir: home });
      expect(error.message).toContain('ENOTDIR');
      expect(fs.readFileSync(path.join(home, '.s2gos'), 'utf8')).toBe('keep me');
    });
  });

  it('fixes an invalid value it replaces', () => {
    const file = putConfigFile(tempDir(), 'server_url: 42 # typo\n');
    writeConfigFile({ serverUrl: 'http://127.0.0.1:8008' }, file);
    expect(readConfigFile(file)).toEqual({ serverUrl: 'http://127.0.0.1:8008' });
  });

  describe('when the disk fails mid-write', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it.each(['writeFileSync', 'fsyncSync', 'renameSync'] as const)(
      'in %s: keeps the old file, removes the temporary one, throws a ConfigError',
      (step) => {
        const file = putConfigFile(tempDir(), 'user_name: bibo\n');
        const failure = Object.assign(new Error('ENOSPC: no space left on device'), {
          code: 'ENOSPC',
        });
        vi.spyOn(fs, step).mockImplementationOnce(() => {
          throw failure;
        });
        const error = writeError({ userName: 'new-name' }, file);
        expect(error.message).toBe(
          `Cannot write config file ${file}: ENOSPC: no space left on device`,
        );
        expect(error.cause).toBe(failure);
        expect(fs.readFileSync(file, 'utf8')).toBe('user_name: bibo\n');
        expect(fs.readdirSync(path.dirname(file))).toEqual(['config']);
      },
    );
  });
});
