/**
 * A real OpenID Connect provider (`@s2gos/test-oidc`) and an `@s2gos/server` that requires its
 * tokens: what the CLI's sign-in tests run against.
 */
import { type RunningServer, startServer } from '@s2gos/server';
import { startOidcProvider, TEST_CLIENTS, type TestOidcProvider } from '@s2gos/test-oidc';

/** The provider, the server, and one call that stops both. */
export interface OidcServer {
  oidc: TestOidcProvider;
  server: RunningServer;
  /** The configuration-file members of a `login` as bibo with `password`. */
  loginConfig: (password: string) => Record<string, string>;
  close: () => Promise<void>;
}

/** Starts both; access tokens live `accessTokenTtl` seconds; `log` gets the server's log lines. */
export async function startOidcServer(
  accessTokenTtl: number,
  log?: (line: string) => void,
): Promise<OidcServer> {
  const oidc = await startOidcProvider({ accessTokenTtl });
  const server = await startServer({
    port: 0,
    oidcIssuer: oidc.issuer,
    audience: oidc.audience,
    ...(log ? { log } : {}),
  });
  return {
    oidc,
    server,
    loginConfig: (password) => ({
      server_url: server.url,
      auth_type: 'login',
      auth_url: oidc.issuer,
      user_name: 'bibo',
      password,
      client_id: TEST_CLIENTS.cli.clientId,
    }),
    close: async () => {
      await server.close();
      await oidc.close();
    },
  };
}
