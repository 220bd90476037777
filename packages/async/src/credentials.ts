/**
 * The client's side of authentication: the credentials of its configuration (`auth/`) put on its
 * requests. A ky `beforeRequest` hook sets the credential header per attempt, on the configured
 * server's origin only; {@link ClientAuth.send} retries a call once after a 401 with a renewed
 * token; a failed sign-in becomes an `auth-failed` `ClientError`.
 */
import type { ResolvedConfig } from '@s2gos/config';
import { type Hooks, isHTTPError } from 'ky';
import { type CredentialsOptions, createCredentials } from './auth/credentials.js';
import type { AuthFailure } from './auth/errors.js';
import { isSameOrigin } from './auth/headers.js';
import type { TokenSet } from './auth/token-endpoint.js';
import { type ClientErrorDetails, clientError } from './errors.js';

/** What a client needs of its credentials. */
export interface ClientAuth {
  /** ky hooks that set the credential header on every attempt to the server's origin. */
  readonly hooks: Hooks;
  /**
   * Sends a request (`attempt` may be called twice): after a 401 to a request that carried a
   * token, the token is renewed once (shared with concurrent calls) and the request sent again.
   * @throws `AuthError` when no token can be had; whatever `attempt` throws
   */
  send(attempt: () => Promise<Response>): Promise<Response>;
  /** Removes every token obtained so far from text that came from elsewhere, then `redact`s it. */
  redact(text: string): string;
}

/** Inputs of {@link createClientAuth} beyond the configuration. */
export interface ClientAuthOptions extends CredentialsOptions {
  /** The origin credentials are sent to (the configured server's). */
  readonly origin: string;
  /** Removes the configuration's own secrets from text. */
  readonly redact: (text: string) => string;
}

/**
 * The credentials of `config` for one client. Tokens obtained are kept in memory, handed to
 * `onTokens`, and redacted from every message.
 */
export function createClientAuth(config: ResolvedConfig, options: ClientAuthOptions): ClientAuth {
  const { origin, redact, onTokens, ...rest } = options;
  const tokens = new Set<string>();
  const remember = (set: TokenSet | undefined) => {
    if (set?.accessToken) tokens.add(set.accessToken);
    if (set?.refreshToken) tokens.add(set.refreshToken);
  };
  remember(rest.tokens);
  const credentials = createCredentials(config, {
    ...rest,
    onTokens: (set) => {
      remember(set);
      onTokens?.(set);
    },
  });
  // The header's name is the same on every request; its value is read back from a refused request.
  let headerName: string | undefined;

  const beforeRequest: NonNullable<Hooks['beforeRequest']>[number] = async (request) => {
    if (!isSameOrigin(request.url, origin)) return;
    const header = await credentials.header();
    if (header === undefined) return;
    headerName = header[0];
    request.headers.set(header[0], header[1]);
  };

  return {
    // Without credentials, no hook: every request would pay for one that does nothing.
    hooks: credentials.sendsNothing ? {} : { beforeRequest: [beforeRequest] },
    async send(attempt) {
      try {
        return await attempt();
      } catch (error) {
        const sent = refusedCredential(error, origin, headerName);
        if (sent === undefined || credentials.tokenSource === undefined) throw error;
        // The 401's body is not needed once the request is sent again (or the sign-in failed).
        await (error as { response: Response }).response.body?.cancel();
        await credentials.afterUnauthorized(sent);
        return attempt();
      }
    },
    redact(text) {
      let safe = text;
      for (const token of tokens) safe = safe.split(token).join('****');
      return redact(safe);
    },
  };
}

// The credential a 401 from the server's own origin refused, if the request carried one.
function refusedCredential(
  error: unknown,
  origin: string,
  headerName: string | undefined,
): string | undefined {
  if (!isHTTPError(error) || error.response.status !== 401 || headerName === undefined) {
    return undefined;
  }
  const url = error.response.url || error.request.url;
  if (!isSameOrigin(url, origin)) return undefined;
  return error.request.headers.get(headerName) ?? undefined;
}

/**
 * The `ClientError` of a failed sign-in or refresh: `apiError.type` is `ErrorType.authFailed`, the
 * status the token endpoint's (401 when it gave none), its `error`/`error_description` extra members.
 */
export function authFailed(
  failure: AuthFailure,
  message: string,
  where: ClientErrorDetails = {},
): ReturnType<typeof clientError> {
  return clientError('authFailed', message, {
    ...where,
    status: failure.status ?? 401,
    detail: message,
    apiError: {
      ...(failure.error === undefined ? {} : { error: failure.error }),
      ...(failure.errorDescription === undefined
        ? {}
        : { error_description: failure.errorDescription }),
    },
  });
}
