/** The auth types whose tokens come from an OAuth2 token endpoint. */
export type OAuthType = 'login' | 'client-credentials' | 'device';

/** The step of signing in that failed. */
export type AuthStage =
  /** Reading `/.well-known/openid-configuration` of the issuer. */
  | 'discovery'
  /** Obtaining tokens with the password or client credentials grant. */
  | 'login'
  /** Refreshing the access token with the refresh token. */
  | 'refresh'
  /** Asking the device authorization endpoint for a user code. */
  | 'device-authorization'
  /** Waiting for the user to approve the device. */
  | 'device-approval';

/**
 * Everything known about a failed sign-in, as plain data (it crosses worker threads as it is). Maps
 * to a `ClientError` whose `apiError.type` is `auth-failed`: `message` as its detail, `status` as its
 * status (401 when the endpoint gave none), `error`/`errorDescription` as extra members.
 * Never holds a secret.
 */
export interface AuthFailure {
  /** The auth type signing in. */
  readonly authType: OAuthType;
  /** What failed. */
  readonly stage: AuthStage;
  /** The endpoint that failed (token, device-authorization or discovery URL). */
  readonly endpoint: string;
  /** The endpoint's HTTP status, when it answered. */
  readonly status?: number;
  /** The endpoint's OAuth2 `error` code (`invalid_grant`, `expired_token`, …), when it gave one. */
  readonly error?: string;
  /** The endpoint's `error_description`, when it gave one (secrets known to the client removed). */
  readonly errorDescription?: string;
  /** True when the endpoint could not be reached or did not answer in time. */
  readonly unreachable?: boolean;
  /** What to do next, for people (`Run "s2gos login" …`). */
  readonly hint: string;
}

// One brand across duplicate installs and bundles, as ConfigError does.
const brand = Symbol.for('@s2gos/async.AuthError');

/**
 * Thrown by token sources when signing in or refreshing fails. `failure` carries the data; the
 * message says what failed, at which endpoint, and the next step, and never holds a secret.
 */
export class AuthError extends Error {
  /** The data of the failure. */
  readonly failure: AuthFailure;

  /**
   * @param failure - what failed
   * @param cause - the underlying error (a network error), if any
   */
  constructor(failure: AuthFailure, cause?: unknown) {
    super(describeFailure(failure), cause === undefined ? undefined : { cause });
    this.name = 'AuthError';
    this.failure = failure;
    Object.defineProperty(this, brand, { value: true });
  }

  /** `instanceof` by brand, so it holds across bundles and duplicate installs. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && brand in value;
  }
}

const STAGE_TEXT: Readonly<Record<AuthStage, string>> = {
  discovery: 'Reading the OpenID configuration',
  login: 'Signing in',
  refresh: 'Refreshing the access token',
  'device-authorization': 'Starting the device sign-in',
  'device-approval': 'Device sign-in',
};

/** The one message of an {@link AuthFailure}: what failed, where, why, what next. */
export function describeFailure(failure: AuthFailure): string {
  const why = failure.unreachable
    ? 'the endpoint could not be reached'
    : [
        failure.error ?? (failure.status === undefined ? undefined : `HTTP ${failure.status}`),
        failure.errorDescription === undefined ? undefined : `(${failure.errorDescription})`,
      ]
        .filter(Boolean)
        .join(' ');
  return `${STAGE_TEXT[failure.stage]} (${failure.authType}) at ${failure.endpoint} failed: ${why}. ${failure.hint}`;
}
