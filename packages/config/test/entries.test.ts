import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as browser from '../src/index.js';
import * as node from '../src/node.js';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

describe('package entries', () => {
  it('bundles the main entry for browsers without Node built-ins or the YAML parser', () => {
    const result = buildSync({
      entryPoints: [path.join(src, 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules'))).toBe(false);
    expect(inputs.map((input) => path.basename(input)).sort()).toEqual([
      'config.ts',
      'errors.ts',
      'index.ts',
      'redact.ts',
      'resolve.ts',
      'validate.ts',
    ]);
  });

  it('fails to bundle the node entry for browsers (it needs fs)', () => {
    expect(() =>
      buildSync({
        entryPoints: [path.join(src, 'node.ts')],
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      }),
    ).toThrow(/node:fs/);
  });

  it('exports exactly the public surface', () => {
    const shared = [
      'AUTH_TYPES',
      'ConfigError',
      'DEFAULT_API_KEY_HEADER',
      'DEFAULT_SERVER_URL',
      'DEFAULT_TOKEN_HEADER',
      'ENV_VARS',
      'ENV_VAR_ALIASES',
      'FILE_KEYS',
      'FILE_KEY_ALIASES',
      'SECRET_KEYS',
      'checkAuthConfig',
      'origin',
      'redactConfig',
      'redactToken',
      'resolveConfig',
      'toFileKeys',
    ];
    expect(Object.keys(browser).sort()).toEqual(shared);
    expect(Object.keys(node).sort()).toEqual(
      [
        ...shared,
        'defaultConfigPath',
        'defaultTokenCachePath',
        'loadConfigFile',
        'pythonConfigPath',
        'readCachedTokens',
        'readConfigFile',
        'removeCachedTokens',
        'writeCachedTokens',
        'writeConfigFile',
      ].sort(),
    );
    expect(node.ConfigError).toBe(browser.ConfigError);
  });
});

describe('ConfigError', () => {
  it('is an Error with name, message and optional position', () => {
    const error = new browser.ConfigError('bad', { file: '/x/config', line: 3, column: 5 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error).toMatchObject({ message: 'bad', file: '/x/config', line: 3, column: 5 });
    expect(new browser.ConfigError('plain')).not.toHaveProperty('file');
  });

  it('is recognised across separately bundled copies of the class', () => {
    const copy = new Function(
      `${buildSync({ entryPoints: [path.join(src, 'errors.ts')], bundle: true, format: 'iife', globalName: 'copy', write: false }).outputFiles[0]?.text}; return copy;`,
    )() as typeof browser;
    expect(copy.ConfigError).not.toBe(browser.ConfigError);
    expect(new copy.ConfigError('x')).toBeInstanceOf(browser.ConfigError);
    expect(new browser.ConfigError('x')).toBeInstanceOf(copy.ConfigError);
    expect(new Error('x')).not.toBeInstanceOf(browser.ConfigError);
    expect(null).not.toBeInstanceOf(browser.ConfigError);
  });
});

describe('ConfigError subclasses', () => {
  it('keep the ordinary instanceof check', () => {
    class SpecialError extends browser.ConfigError {}
    expect(new SpecialError('x')).toBeInstanceOf(browser.ConfigError);
    expect(new browser.ConfigError('x')).not.toBeInstanceOf(SpecialError);
  });
});
