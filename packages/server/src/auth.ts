import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import { ProblemType, respondProblem } from './errors.js';

const REALM = 'Bearer realm="s2gos"';

/** What {@link bearerAuth} accepts: a static token, JWTs of an OpenID Connect issuer, or both. */
export interface BearerAuthOptions {
  /** A static token, compared in constant time. */
  token?: string | undefined;
  /** An OpenID Connect issuer: JWTs it signed (keys from its JWKS) are accepted until they expire. */
  oidcIssuer?: string | undefined;
  /** The audience (`aud`) the issuer's JWTs must name; unchecked when absent. */
  audience?: string | undefined;
}

/**
 * Requires `Authorization: Bearer <token>` on every request; answers 401 with problem details
 * and a `WWW-Authenticate` challenge (RFC 6750) otherwise.
 *
 * A static token is compared through its SHA-256 digest with `timingSafeEqual`, so neither the
 * content nor the length of the expected token leaks through timing. JWTs of `oidcIssuer` are
 * verified with `jose` against the keys of the issuer's JWKS (found through its
 * `/.well-known/openid-configuration`, fetched once and cached by `jose`), checking issuer, audience
 * and expiry. No token ever appears in a response.
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler {
  const expected = options.token ? digest(options.token) : undefined;
  const verify = options.oidcIssuer ? jwtVerifier(options.oidcIssuer, options.audience) : undefined;
  return async (c, next) => {
    const header = c.req.header('Authorization');
    const given = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
    let problem = 'The access token is not valid.';
    if (given !== undefined) {
      if (expected && timingSafeEqual(digest(given), expected)) return next();
      if (verify) {
        const outcome = await verify(given);
        if (outcome === undefined) return next();
        problem = outcome;
      }
    }
    const missing = header === undefined || header.trim() === '';
    return respondProblem(
      c,
      {
        type: ProblemType.blank,
        status: 401,
        title: 'Unauthorized',
        detail: missing
          ? "This server requires an access token: send the header 'Authorization: Bearer <token>'."
          : problem,
      },
      { 'WWW-Authenticate': missing ? REALM : `${REALM}, error="invalid_token"` },
    );
  };
}

// Resolves to undefined for a valid token, else to the reason shown to the client.
function jwtVerifier(issuer: string, audience: string | undefined) {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const jwks = () => {
    keys ??= discoverJwks(issuer).catch((error: unknown) => {
      keys = undefined; // try again on the next request
      throw error;
    });
    return keys;
  };
  return async (token: string): Promise<string | undefined> => {
    try {
      await jwtVerify(token, await jwks(), { issuer, ...(audience ? { audience } : {}) });
      return undefined;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return 'The access token has expired.';
      if (error instanceof joseErrors.JOSEError) return 'The access token is not valid.';
      return `The access token cannot be checked: the identity provider ${issuer} did not answer.`;
    }
  };
}

async function discoverJwks(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new Error(`${url} names no jwks_uri`);
  return createRemoteJWKSet(new URL(jwksUri));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
