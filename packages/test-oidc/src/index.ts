/**
 * `@s2gos/test-oidc`: a real OpenID Connect provider for tests, on 127.0.0.1.
 *
 * It is `oidc-provider` (a certified OpenID Connect implementation) configured with the grants the
 * S2GOS clients use: client credentials, refresh token (rotating) and the device authorization grant
 * (RFC 8628) are the library's own; the resource-owner password grant, which the library leaves out
 * on purpose, is added through its documented extension point `registerGrantType`, issuing tokens
 * with the library's own models. Access tokens are JWTs for one audience, signed with a fresh RSA key,
 * and live for a few seconds so tests cross expiries.
 *
 * @packageDocumentation
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';

/** Options of {@link startOidcProvider}. */
export interface TestOidcOptions {
  /** Lifetime of access tokens in seconds. Default 3. */
  accessTokenTtl?: number;
  /** Lifetime of refresh tokens in seconds. Default 3600. */
  refreshTokenTtl?: number;
  /** Audience of the access tokens (the API's resource indicator). Default {@link TEST_AUDIENCE}. */
  audience?: string;
  /** Users of the password grant, name to password. Default {@link TEST_USERS}. */
  users?: Readonly<Record<string, string>>;
}

/** The users known by default. */
export const TEST_USERS: Readonly<Record<string, string>> = {
  bibo: 'bibo-pw-7c1e9a43',
  ernie: 'ernie-pw-52b0d7f8',
};

/** The default audience of access tokens. */
export const TEST_AUDIENCE = 'https://s2gos.test/api';

/**
 * The registered clients: `cli` is public (password, refresh and device grants, as the CLI and
 * Keycloak's public clients are); `service` is confidential (client credentials, secret in the form).
 */
export const TEST_CLIENTS = {
  cli: { clientId: 's2gos-cli' },
  service: { clientId: 's2gos-service', clientSecret: 'service-secret-93f2c6d1a8' },
} as const;

/** How many token requests ended well or badly, per grant type (full `grant_type` names). */
export interface GrantCounts {
  [grantType: string]: { success: number; error: number };
}

/** A running provider. */
export interface TestOidcProvider {
  /** The issuer URL, `http://127.0.0.1:<port>`; discovery is at `/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The token endpoint. */
  readonly tokenEndpoint: string;
  /** The device authorization endpoint (RFC 8628). */
  readonly deviceAuthorizationEndpoint: string;
  /** The audience of its access tokens. */
  readonly audience: string;
  /** Token requests so far, by grant type. */
  readonly grants: GrantCounts;
  /**
   * Approves a pending device authorization as `userName` would on the verification page.
   * @throws when there is no pending authorization with that user code
   */
  approveDevice(userCode: string, userName: string): Promise<void>;
  /** Denies a pending device authorization (the token endpoint then answers `access_denied`). */
  denyDevice(userCode: string): Promise<void>;
  /** Revokes a refresh token (RFC 7009), as a server-side logout does. */
  revokeRefreshToken(refreshToken: string, clientId?: string): Promise<void>;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the provider on 127.0.0.1 on a free port.
 *
 * @example
 * const oidc = await startOidcProvider({ accessTokenTtl: 2 });
 * const server = await startServer({ port: 0, oidcIssuer: oidc.issuer, audience: oidc.audience });
 */
export async function startOidcProvider(options: TestOidcOptions = {}): Promise<TestOidcProvider> {
  const {
    accessTokenTtl = 3,
    refreshTokenTtl = 3600,
    audience = TEST_AUDIENCE,
    users = TEST_USERS,
  } = options;
  // The issuer URL holds the port: listen first, then build the provider and hand it the requests.
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(6).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
  const resourceServer = {
    scope: 'api',
    audience,
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: accessTokenTtl,
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENTS.cli.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['password', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: TEST_CLIENTS.service.clientId,
        client_secret: TEST_CLIENTS.service.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys: [signingKey] },
    scopes: ['openid', 'offline_access', 'api'],
    findAccount: (_ctx, id) =>
      id in users ? { accountId: id, claims: () => ({ sub: id }) } : undefined,
    features: {
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      // Without userinfo, refreshed access tokens keep the granted audience (JWTs, not opaque).
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => resourceServer,
      },
    },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      RefreshToken: refreshTokenTtl,
      DeviceCode: 600,
      IdToken: accessTokenTtl,
      Grant: refreshTokenTtl,
    },
  });
  provider.registerGrantType('password', passwordGrant(provider, users, audience, resourceServer), [
    'username',
    'password',
    'scope',
  ]);

  const grants: GrantCounts = {};
  const count = (ctx: KoaContextWithOIDC, outcome: 'success' | 'error') => {
    const type = String(ctx.oidc?.params?.grant_type ?? 'unknown');
    grants[type] ??= { success: 0, error: 0 };
    grants[type][outcome] += 1;
  };
  provider.on('grant.success', (ctx) => count(ctx, 'success'));
  provider.on('grant.error', (ctx) => count(ctx, 'error'));

  server.on('request', provider.callback());

  // As the verification page does: the code is typed with or without its dash, in any case.
  const findDeviceCode = async (userCode: string) => {
    const code = await provider.DeviceCode.findByUserCode(
      userCode.toUpperCase().replace(/\W/g, ''),
    );
    if (!code) throw new Error(`no pending device authorization for user code ${userCode}`);
    return code;
  };

  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    deviceAuthorizationEndpoint: `${issuer}/device/auth`,
    audience,
    grants,
    async approveDevice(userCode, userName) {
      const code = await findDeviceCode(userCode);
      const grant = new provider.Grant({ clientId: code.clientId, accountId: userName });
      grant.addOIDCScope('openid offline_access');
      grant.addResourceScope(audience, 'api');
      code.grantId = await grant.save();
      code.accountId = userName;
      code.authTime = Math.floor(Date.now() / 1000);
      code.resource = audience;
      code.scope = 'openid offline_access api';
      await code.save();
    },
    async denyDevice(userCode) {
      const code = await findDeviceCode(userCode);
      code.error = 'access_denied';
      code.errorDescription = 'The user denied the request.';
      await code.save();
    },
    async revokeRefreshToken(refreshToken, clientId = TEST_CLIENTS.cli.clientId) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        body: new URLSearchParams({ token: refreshToken, client_id: clientId }),
      });
      if (!response.ok) throw new Error(`revocation failed: ${response.status}`);
    },
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

// The resource-owner password grant (RFC 6749 §4.3), on the provider's own models so that refresh,
// rotation, revocation and JWT signing are the library's.
function passwordGrant(
  provider: Provider,
  users: Readonly<Record<string, string>>,
  audience: string,
  resourceServer: object,
) {
  return async (ctx: KoaContextWithOIDC): Promise<void> => {
    const { username, password } = ctx.oidc.params as Record<string, string | undefined>;
    const client = ctx.oidc.client;
    if (!client) throw new errors.InvalidClient('client authentication failed');
    if (!username || !password) throw new errors.InvalidRequest('username and password required');
    if (users[username] !== password)
      throw new errors.CustomOIDCProviderError('invalid_grant', 'Invalid user credentials');
    const grant = new provider.Grant({ clientId: client.clientId, accountId: username });
    grant.addOIDCScope('openid offline_access');
    grant.addResourceScope(audience, 'api');
    const grantId = await grant.save();
    const common = { accountId: username, client, grantId, gty: 'password', scope: 'api' };
    const accessToken = new provider.AccessToken(common);
    // `ResourceServer` is on the provider, though missing from its type declarations.
    const { ResourceServer } = provider as unknown as {
      ResourceServer: new (
        identifier: string,
        info: object,
      ) => NonNullable<typeof accessToken.resourceServer>;
    };
    accessToken.resourceServer = new ResourceServer(audience, resourceServer);
    const refreshToken = new provider.RefreshToken({
      ...common,
      scope: 'openid offline_access api',
      resource: audience,
    });
    ctx.body = {
      access_token: await accessToken.save(),
      expires_in: accessToken.expiration,
      token_type: 'Bearer',
      refresh_token: await refreshToken.save(),
      scope: 'api',
    };
  };
}
