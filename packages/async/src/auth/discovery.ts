import { AuthError } from './errors.js';
import { type EndpointContext, getJson } from './token-endpoint.js';

/** The endpoints a token source talks to. */
export interface OAuthEndpoints {
  /** The token endpoint. */
  readonly tokenEndpoint: string;
  /** The device authorization endpoint (RFC 8628), when known. */
  readonly deviceAuthorizationEndpoint?: string;
}

const WELL_KNOWN = '/.well-known/openid-configuration';

/**
 * Finds the endpoints for `authUrl`: an issuer URL whose `/.well-known/openid-configuration` names
 * them (OpenID Connect Discovery), or else the token endpoint itself. A URL ending in
 * `/.well-known/openid-configuration` is read as that document.
 *
 * @throws {@link AuthError} (stage `discovery`) when the document exists but names no token
 *   endpoint, or the issuer cannot be reached
 */
export async function discoverEndpoints(
  context: EndpointContext,
  authUrl: string,
): Promise<OAuthEndpoints> {
  const explicit = authUrl.endsWith(WELL_KNOWN);
  const url = explicit ? authUrl : `${authUrl.replace(/\/+$/, '')}${WELL_KNOWN}`;
  const hint = 'Check auth_url: it must be the token endpoint or the issuer URL.';
  const answer = await getJson(context, url, 'discovery', hint);
  const tokenEndpoint = answer.body?.token_endpoint;
  if (answer.status === 200 && typeof tokenEndpoint === 'string') {
    const device = answer.body?.device_authorization_endpoint;
    return {
      tokenEndpoint,
      ...(typeof device === 'string' ? { deviceAuthorizationEndpoint: device } : {}),
    };
  }
  if (!explicit && answer.status !== 200) return { tokenEndpoint: authUrl };
  throw new AuthError({
    authType: context.authType,
    stage: 'discovery',
    endpoint: url,
    status: answer.status,
    errorDescription: 'the OpenID configuration names no token_endpoint',
    hint,
  });
}
