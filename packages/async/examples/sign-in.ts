/**
 * Signs in to the local stack with the OAuth2 password grant, as against the deployed service:
 * starts a real OpenID Connect provider (`@s2gos/test-oidc`, 2 s access tokens) and
 * `@s2gos/server --oidc-issuer`, runs a 6 s job across several token expiries, shows a wrong
 * password's `auth-failed` error, and stops both.
 *
 *   pnpm --filter @s2gos/async example:sign-in
 */
import { startServer } from '@s2gos/server';
import { startOidcProvider, TEST_CLIENTS, TEST_USERS } from '@s2gos/test-oidc';
import { AsyncClient, ClientError, ErrorType } from '../src/index.js';

const oidc = await startOidcProvider({ accessTokenTtl: 2 });
const server = await startServer({ port: 0, oidcIssuer: oidc.issuer, audience: oidc.audience });
console.log(`provider ${oidc.issuer}, server ${server.url} (it requires the provider's tokens)`);

const config = {
  serverUrl: server.url,
  authType: 'login' as const,
  authUrl: oidc.issuer, // the issuer: the token endpoint is discovered
  userName: 'bibo',
  password: TEST_USERS.bibo ?? '',
  clientId: TEST_CLIENTS.cli.clientId,
};

try {
  let renewals = 0;
  const client = new AsyncClient({
    config,
    // A cache would store the tokens here (the CLI keeps them in ~/.s2gos/tokens); never print them.
    onTokens: (tokens) => {
      if (tokens) renewals += 1;
    },
  });
  const { processes } = await client.getProcesses();
  console.log(`signed in; processes: ${processes.map((process) => process.id).join(', ')}`);

  const { job } = await client.executeAndWait('sleep_a_while', { inputs: { duration: 6 } });
  console.log(`job ${job.jobID}: ${job.status}; tokens obtained or refreshed ${renewals} times`);

  const wrong = new AsyncClient({ config: { ...config, password: 'not-the-password' } });
  await wrong.getProcesses().catch((error: unknown) => {
    if (!(error instanceof ClientError) || error.apiError.type !== ErrorType.authFailed)
      throw error;
    console.log(`expected failure: ${error.message}`);
  });
} finally {
  await server.close();
  await oidc.close();
}
