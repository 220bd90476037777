import { describe, expectTypeOf, it } from 'vitest';
import type { ClientConfig, ResolvedConfig } from '../src/index.js';
import { redactConfig, resolveConfig as resolveFromValues } from '../src/index.js';
import { type ConfigError, readConfigFile, resolveConfig, writeConfigFile } from '../src/node.js';

describe('types', () => {
  it('ClientConfig has three optional strings', () => {
    expectTypeOf<ClientConfig>().toEqualTypeOf<{
      serverUrl?: string;
      userName?: string;
      accessToken?: string;
    }>();
  });

  it('ResolvedConfig always has a server URL', () => {
    expectTypeOf<ResolvedConfig['serverUrl']>().toEqualTypeOf<string>();
    expectTypeOf<ResolvedConfig['userName']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ResolvedConfig['accessToken']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(resolveFromValues()).toEqualTypeOf<ResolvedConfig>();
    expectTypeOf(resolveConfig()).toEqualTypeOf<ResolvedConfig>();
  });

  it('only the node entry takes file options', () => {
    resolveConfig({ configPath: '/x', homeDir: '/home/x', serverUrl: 'http://x' });
    // @ts-expect-error the browser entry has no file access
    resolveFromValues({ configPath: '/x' });
    resolveFromValues({ fileConfig: { userName: 'x' }, env: {} });
  });

  it('file functions', () => {
    expectTypeOf(readConfigFile).returns.toEqualTypeOf<ClientConfig>();
    expectTypeOf(writeConfigFile).returns.toEqualTypeOf<string>();
    // @ts-expect-error values are strings
    writeConfigFile({ serverUrl: 42 });
  });

  it('redactConfig keeps the type it is given', () => {
    expectTypeOf(redactConfig(resolveConfig())).toEqualTypeOf<ResolvedConfig>();
  });

  it('ConfigError carries an optional position', () => {
    expectTypeOf<ConfigError>().toMatchTypeOf<Error>();
    expectTypeOf<ConfigError['file']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ConfigError['line']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ConfigError['column']>().toEqualTypeOf<number | undefined>();
  });
});
