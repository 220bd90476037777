import { type ExchangeContext, errorFromThrown, timeoutError } from './responses.js';
import type { Transport, TransportRequest } from './transport.js';

/** Why a call was cut short by the client itself. */
type AbortWhy = 'aborted' | 'closed' | 'timeout';

/** The in-flight calls of one client, so that `close()` can abort them. */
export interface CallRegistry {
  readonly closed: boolean;
  readonly inFlight: Set<(why: AbortWhy) => void>;
}

/** A 2xx response and its body text. */
export interface Exchanged {
  response: Response;
  text: string;
}

/**
 * Sends one request and reads the whole body. ky's timeout covers the wait for the headers; a
 * second deadline of the same length covers the body, so a server that stalls mid-body can't
 * hang the call. The caller's signal and `close()` abort both phases.
 */
export async function exchange(
  transport: Transport,
  request: Omit<TransportRequest, 'signal'>,
  context: ExchangeContext,
  registry: CallRegistry,
  signal: AbortSignal | undefined,
): Promise<Exchanged> {
  const controller = new AbortController();
  let why: AbortWhy | undefined;
  const abort = (reason: AbortWhy) => {
    why ??= reason;
    controller.abort(reason === 'aborted' ? signal?.reason : new Error(reason));
  };
  const onAbort = () => abort('aborted');
  if (signal?.aborted) abort('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  registry.inFlight.add(abort);
  let bodyTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    const response = await transport.send({ ...request, signal: controller.signal });
    if (request.timeout !== Number.POSITIVE_INFINITY) {
      bodyTimer = setTimeout(abort, request.timeout, 'timeout');
    }
    return { response, text: await response.text() };
  } catch (error) {
    if (why === 'timeout') throw timeoutError(context, error);
    throw await errorFromThrown(error, {
      ...context,
      signal: why === 'aborted' ? controller.signal : undefined,
      closed: why === 'closed' || registry.closed,
    });
  } finally {
    clearTimeout(bodyTimer);
    signal?.removeEventListener('abort', onAbort);
    registry.inFlight.delete(abort);
  }
}
