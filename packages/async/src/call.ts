/**
 * One call's lifetime: a single signal ends everything it started (requests, bodies, waits
 * between retries), whether the caller aborts, the deadline passes or the client is closed.
 * One object per call with no closures: calls are frequent and the garbage counts.
 */

/** Why a call was cut short by the client itself. */
export type AbortWhy = 'aborted' | 'closed' | 'timeout';

/** What the transport needs from a call. */
export interface CallControl {
  /** Aborts the request, its body and any wait between retries. */
  readonly signal: AbortSignal;
  /** Starts, or restarts, the timeout of one wait on the network (an attempt, then the body). */
  arm(): void;
  /** Stops it (before a wait between retries). */
  disarm(): void;
}

/** The in-flight calls of one client, so that `close()` can abort them. */
export interface CallRegistry {
  readonly closed: boolean;
  readonly inFlight: Set<Call>;
}

/** A call in flight; it registers itself with its client until {@link Call.end}. */
export class Call implements CallControl {
  readonly #controller = new AbortController();
  readonly #timeout: number;
  readonly #userSignal: AbortSignal | undefined;
  readonly #registry: CallRegistry;
  #why: AbortWhy | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param timeout - ms per wait on the network; `Infinity` for none
   * @param userSignal - the caller's signal, if any
   * @param registry - the client's calls
   */
  constructor(timeout: number, userSignal: AbortSignal | undefined, registry: CallRegistry) {
    this.#timeout = timeout;
    this.#userSignal = userSignal;
    this.#registry = registry;
    registry.inFlight.add(this);
    if (userSignal?.aborted) this.abort('aborted');
    else userSignal?.addEventListener('abort', this, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the client ended the call, if it did. */
  get why(): AbortWhy | undefined {
    return this.#why;
  }

  /** Ends the call; the first reason sticks. */
  abort(why: AbortWhy): void {
    this.#why ??= why;
    this.#controller.abort(why === 'aborted' ? this.#userSignal?.reason : this.#reason(why));
  }

  arm(): void {
    if (this.#timeout === Number.POSITIVE_INFINITY) return;
    const timer = this.#timer;
    // Node restarts a running timer in place; browsers' timers are numbers and start anew.
    if (typeof timer === 'object' && typeof timer.refresh === 'function') timer.refresh();
    else this.#timer = setTimeout(expire, this.#timeout, this);
  }

  disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The caller's signal aborted (this object is its listener). */
  handleEvent(): void {
    this.abort('aborted');
  }

  /** Releases the call: its timer, its listener, its place among the client's calls. */
  end(): void {
    this.disarm();
    this.#userSignal?.removeEventListener('abort', this);
    this.#registry.inFlight.delete(this);
  }

  // What fetch rejects with when the client itself ends a call: named like the platform's own
  // abort and timeout errors.
  #reason(why: 'closed' | 'timeout'): DOMException {
    return why === 'timeout'
      ? new DOMException(`no answer within ${this.#timeout} ms`, 'TimeoutError')
      : new DOMException('the client was closed', 'AbortError');
  }
}

function expire(call: Call): void {
  call.abort('timeout');
}
