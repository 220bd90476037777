import { describe, expectTypeOf, it } from 'vitest';
import type { AuthType, ClientConfig, ResolvedConfig } from '../src/index.js';
import { redactConfig, resolveConfig as resolveFromValues } from '../src/index.js';
import { type ConfigError, readConfigFile, resolveConfig, writeConfigFile } from '../src/node.js';

describe('types', () => {
  it('ClientConfig is flat and optional', () => {
    expectTypeOf<ClientConfig>().toEqualTypeOf<{
      serverUrl?: string;
      authType?: AuthType;
      authUrl?: string;
      userName?: string;
      password?: string;
      clientId?: string;
      clientSecret?: string;
      accessToken?: string;
      useBearer?: boolean;
      tokenHeader?: string;
      apiKey?: string;
      apiKeyHeader?: string;
    }>();
    expectTypeOf<AuthType>().toEqualTypeOf<
      'none' | 'token' | 'basic' | 'api-key' | 'login' | 'client-credentials' | 'device'
    >();
  });

  it('ResolvedConfig always has a server URL', () => {
    expectTypeOf<ResolvedConfig['serverUrl']>().toEqualTypeOf<string>();
    expectTypeOf<ResolvedConfig['authType']>().toEqualTypeOf<AuthType>();
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
    // @ts-expect-error values are strings (or the boolean useBearer)
    writeConfigFile({ serverUrl: 42 });
    // @ts-expect-error only the known auth types
    writeConfigFile({ authType: 'oauth' });
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
