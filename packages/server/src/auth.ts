import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ProblemType, respondProblem } from './errors.js';

const REALM = 'Bearer realm="s2gos"';

/**
 * Requires `Authorization: Bearer <token>` on every request; answers 401 with problem details
 * and a `WWW-Authenticate` challenge (RFC 6750) otherwise.
 *
 * Tokens are compared through their SHA-256 digests with `timingSafeEqual`, so neither the
 * content nor the length of the expected token leaks through timing. The token never appears in
 * a response.
 */
export function bearerAuth(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('Authorization');
    const given = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
    if (given !== undefined && timingSafeEqual(digest(given), expected)) {
      await next();
      return;
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
          : 'The access token is not valid.',
      },
      { 'WWW-Authenticate': missing ? REALM : `${REALM}, error="invalid_token"` },
    );
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
