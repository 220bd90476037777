import type { Calls } from './call.js';
import { type ExchangeContext, errorFromThrown, timeoutError } from './responses.js';
import type { Transport, TransportRequest } from './transport.js';

/** A 2xx response and its body text. */
export interface Exchanged {
  response: Response;
  text: string;
}

/**
 * Sends one request and reads the whole body as one {@link Call}. Its deadline (`timeout`) runs
 * while an attempt waits for its headers and again while the body is read, so a server that
 * stalls anywhere can't hang the call; it does not run during waits between retries. The
 * caller's signal, the deadline and `close()` all abort through the call's one signal.
 */
export async function exchange(
  transport: Transport,
  request: TransportRequest,
  timeout: number,
  context: ExchangeContext,
  calls: Calls,
  signal: AbortSignal | undefined,
): Promise<Exchanged> {
  const call = calls.start(timeout, signal);
  try {
    const response = await transport.send(request, call);
    call.arm();
    return { response, text: await response.text() };
  } catch (error) {
    if (call.why === 'timeout') throw timeoutError(context, error);
    throw await errorFromThrown(error, {
      ...context,
      signal: call.why === 'aborted' ? call.signal : undefined,
      closed: call.why === 'closed' || calls.closed,
    });
  } finally {
    call.end();
  }
}
