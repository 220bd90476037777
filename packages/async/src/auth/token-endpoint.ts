import { AuthError, type AuthFailure, type AuthStage, type OAuthType } from './errors.js';

/** The `fetch` the auth modules send their requests with. */
export type FetchFunction = typeof globalThis.fetch;

/** Tokens from a token endpoint. Secrets: never print them. */
export interface TokenSet {
  /** The access token. */
  accessToken: string;
  /** The refresh token, when the endpoint gave one. */
  refreshToken?: string;
  /** When the access token expires, in milliseconds since the epoch, when the endpoint said. */
  expiresAt?: number;
}

/** What every request to an OAuth2 endpoint needs. */
export interface EndpointContext {
  readonly fetch: FetchFunction;
  readonly authType: OAuthType;
  /** Milliseconds one request may take. */
  readonly timeout: number;
  /** Aborts the request (and the sign-in). */
  readonly signal?: AbortSignal | undefined;
  /** The secrets of this client, removed from any text an endpoint sends back. */
  readonly secrets: readonly string[];
  /** The clock, in milliseconds since the epoch. */
  readonly now: () => number;
}

/** An endpoint's answer: its status and JSON body (`undefined` when it was no JSON object). */
export interface EndpointAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> | undefined;
}

/**
 * POSTs a form (`application/x-www-form-urlencoded`, as OAuth2 requires) and reads the JSON answer.
 * Redirects are refused: following one could carry a password to another origin.
 *
 * @throws {@link AuthError} marked `unreachable` when there is no answer in time
 */
export async function postForm(
  context: EndpointContext,
  endpoint: string,
  form: Record<string, string | undefined>,
  stage: AuthStage,
  hint: string,
): Promise<EndpointAnswer> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value !== undefined) body.set(key, value);
  return request(context, endpoint, stage, hint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body,
  });
}

/**
 * GETs a JSON document (the OpenID configuration).
 *
 * @throws {@link AuthError} marked `unreachable` when there is no answer in time
 */
export function getJson(
  context: EndpointContext,
  url: string,
  stage: AuthStage,
  hint: string,
): Promise<EndpointAnswer> {
  return request(context, url, stage, hint, { headers: { Accept: 'application/json' } });
}

async function request(
  context: EndpointContext,
  endpoint: string,
  stage: AuthStage,
  hint: string,
  init: RequestInit,
): Promise<EndpointAnswer> {
  const timeout = AbortSignal.timeout(context.timeout);
  const signal = context.signal ? AbortSignal.any([context.signal, timeout]) : timeout;
  try {
    const response = await context.fetch(endpoint, { ...init, redirect: 'error', signal });
    const text = await response.text();
    return { status: response.status, body: parseObject(text) };
  } catch (error) {
    // The caller's abort is theirs to handle; everything else means no answer.
    if (context.signal?.aborted) throw context.signal.reason;
    throw new AuthError(
      { authType: context.authType, stage, endpoint, unreachable: true, hint },
      error,
    );
  }
}

/**
 * Reads a successful token response (RFC 6749 §5.1), or throws the endpoint's error (§5.2).
 * A refresh response without a refresh token keeps `previousRefreshToken` (§6).
 *
 * @throws {@link AuthError} with the endpoint's `error` and `error_description`
 */
export function readTokenAnswer(
  context: EndpointContext,
  answer: EndpointAnswer,
  failure: Omit<AuthFailure, 'authType'>,
  previousRefreshToken?: string,
): TokenSet {
  const { body } = answer;
  const accessToken = body?.access_token;
  if (answer.status === 200 && typeof accessToken === 'string' && accessToken !== '') {
    const refreshToken =
      typeof body?.refresh_token === 'string' ? body.refresh_token : previousRefreshToken;
    const expiresIn = Number(body?.expires_in);
    return {
      accessToken,
      ...(refreshToken ? { refreshToken } : {}),
      // `expires_in` counts whole seconds and providers floor the issue time: a token may have up
      // to one second less than it says.
      ...(Number.isFinite(expiresIn) && expiresIn > 0
        ? { expiresAt: context.now() + Math.max(0, expiresIn - 1) * 1000 }
        : {}),
    };
  }
  throw endpointError(context, answer, failure);
}

/** The {@link AuthError} for an endpoint's error answer. */
export function endpointError(
  context: EndpointContext,
  answer: EndpointAnswer,
  failure: Omit<AuthFailure, 'authType'>,
): AuthError {
  const error = stringField(context, answer.body?.error);
  const errorDescription = stringField(context, answer.body?.error_description);
  return new AuthError({
    ...failure,
    authType: context.authType,
    status: answer.status,
    ...(error === undefined ? {} : { error }),
    ...(errorDescription === undefined ? {} : { errorDescription }),
    ...(answer.status === 200 && error === undefined
      ? { errorDescription: 'the answer holds no access token' }
      : {}),
  });
}

// A short string from the endpoint, with any of our secrets it may echo replaced.
function stringField(context: EndpointContext, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  let text = value.slice(0, 500);
  for (const secret of context.secrets) if (secret) text = text.split(secret).join('****');
  return text;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
