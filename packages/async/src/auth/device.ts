import { sleep } from '../sleep.js';
import { AuthError } from './errors.js';
import {
  type EndpointContext,
  endpointError,
  postForm,
  readTokenAnswer,
  type TokenSet,
} from './token-endpoint.js';

/** What the user must do to approve a device sign-in (RFC 8628 §3.3): show it to them. */
export interface DevicePrompt {
  /** The page to open. */
  readonly verificationUri: string;
  /** The page with the code filled in, when the server offers one. */
  readonly verificationUriComplete?: string;
  /** The code to enter there. */
  readonly userCode: string;
  /** Seconds until the code expires. */
  readonly expiresIn: number;
}

/** The inputs of {@link deviceSignIn}. */
export interface DeviceSignIn {
  readonly deviceAuthorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly scope?: string | undefined;
  readonly onPrompt: (prompt: DevicePrompt) => void;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const HINT = 'Run "s2gos login" and approve the sign-in in the browser before the code expires.';

/**
 * The device authorization grant (RFC 8628): asks for a user code, hands it to `onPrompt`, then polls
 * the token endpoint every `interval` seconds (5 by default, 5 more after each `slow_down`) until the
 * user approves, denies, or the code expires.
 *
 * @throws {@link AuthError} for a refusal, an expired code, or an endpoint that fails
 */
export async function deviceSignIn(
  context: EndpointContext,
  flow: DeviceSignIn,
): Promise<TokenSet> {
  const client = { client_id: flow.clientId, client_secret: flow.clientSecret };
  const start = await postForm(
    context,
    flow.deviceAuthorizationEndpoint,
    { ...client, scope: flow.scope },
    'device-authorization',
    HINT,
  );
  const body = start.body ?? {};
  const { device_code: deviceCode, user_code: userCode, verification_uri: uri } = body;
  if (
    start.status !== 200 ||
    typeof deviceCode !== 'string' ||
    typeof userCode !== 'string' ||
    typeof uri !== 'string'
  ) {
    throw endpointError(context, start, {
      stage: 'device-authorization',
      endpoint: flow.deviceAuthorizationEndpoint,
      hint: 'Check auth_url and client_id.',
    });
  }
  const expiresIn = positive(body.expires_in) ?? 600;
  const complete = body.verification_uri_complete;
  flow.onPrompt({
    verificationUri: uri,
    ...(typeof complete === 'string' ? { verificationUriComplete: complete } : {}),
    userCode,
    expiresIn,
  });
  let interval = (positive(body.interval) ?? 5) * 1000;
  const deadline = context.now() + expiresIn * 1000;
  for (;;) {
    if (context.now() + interval > deadline) {
      throw new AuthError({
        authType: context.authType,
        stage: 'device-approval',
        endpoint: flow.tokenEndpoint,
        error: 'expired_token',
        errorDescription: 'the code expired before the sign-in was approved',
        hint: HINT,
      });
    }
    await sleep(interval, context.signal);
    const answer = await postForm(
      context,
      flow.tokenEndpoint,
      { ...client, grant_type: DEVICE_GRANT, device_code: deviceCode },
      'device-approval',
      HINT,
    );
    const error = answer.body?.error;
    if (error === 'authorization_pending') continue;
    if (error === 'slow_down') {
      interval += 5000;
      continue;
    }
    return readTokenAnswer(context, answer, {
      stage: 'device-approval',
      endpoint: flow.tokenEndpoint,
      hint: HINT,
    });
  }
}

function positive(value: unknown): number | undefined {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}
