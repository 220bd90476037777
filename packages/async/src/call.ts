/**
 * The lifetime of calls. One signal per call ends everything the call started (requests,
 * bodies, waits between retries), whether the caller aborts, the deadline passes or the client
 * is closed. Deadlines are kept by one watchdog timer per client rather than a timer per call:
 * in Node, a timer created and cleared around every request costs as much as all the rest of a
 * call's bookkeeping together.
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

const now = () => performance.now();

/**
 * The calls in flight of one client: `close()` aborts them, and one watchdog timer aborts each
 * at its deadline. The watchdog keeps the process alive only while calls are in flight, as a
 * timer per call would.
 */
export class Calls {
  readonly #calls = new Set<Call>();
  #closed = false;
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  /** When the watchdog fires (`performance.now()` time), `Infinity` if it is not set. */
  #firesAt = Number.POSITIVE_INFINITY;

  /** Whether {@link Calls.close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Starts a call.
   *
   * @param timeout - ms per wait on the network; `Infinity` for none
   * @param userSignal - the caller's signal, if any
   */
  start(timeout: number, userSignal: AbortSignal | undefined): Call {
    const call = new Call(this, timeout, userSignal);
    if (this.#calls.size === 0) refTimer(this.#watchdog, true);
    this.#calls.add(call);
    return call;
  }

  /** Aborts every call in flight; later calls are refused by the client. */
  close(): void {
    this.#closed = true;
    for (const call of this.#calls) call.abort('closed');
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    this.#firesAt = Number.POSITIVE_INFINITY;
  }

  /** Makes sure the watchdog fires by `deadline`. */
  watch(deadline: number): void {
    if (deadline >= this.#firesAt) return;
    clearTimeout(this.#watchdog);
    this.#firesAt = deadline;
    // Timers round down to whole ms and may fire a little early: one more ms, then re-check.
    this.#watchdog = setTimeout(expire, Math.ceil(deadline - now()) + 1, this);
  }

  /** Forgets a call that ended. */
  end(call: Call): void {
    this.#calls.delete(call);
    if (this.#calls.size === 0) refTimer(this.#watchdog, false);
  }

  /** The watchdog fired: aborts the calls past their deadline and waits for the next one. */
  expire(): void {
    this.#watchdog = undefined;
    this.#firesAt = Number.POSITIVE_INFINITY;
    const time = now();
    let next = Number.POSITIVE_INFINITY;
    for (const call of this.#calls) {
      if (call.deadline <= time) call.abort('timeout');
      else if (call.deadline < next) next = call.deadline;
    }
    if (next !== Number.POSITIVE_INFINITY) this.watch(next);
  }
}

function expire(calls: Calls): void {
  calls.expire();
}

// Node's timers can stop keeping the process alive; browsers' are numbers and need not.
function refTimer(timer: ReturnType<typeof setTimeout> | undefined, ref: boolean): void {
  if (typeof timer !== 'object') return;
  if (ref) timer.ref();
  else timer.unref();
}

/** A call in flight, started by {@link Calls.start} and released by {@link Call.end}. */
export class Call implements CallControl {
  readonly #controller = new AbortController();
  readonly #calls: Calls;
  readonly #timeout: number;
  readonly #userSignal: AbortSignal | undefined;
  #why: AbortWhy | undefined;
  /** When the current wait on the network times out (`performance.now()` time). */
  deadline = Number.POSITIVE_INFINITY;

  constructor(calls: Calls, timeout: number, userSignal: AbortSignal | undefined) {
    this.#calls = calls;
    this.#timeout = timeout;
    this.#userSignal = userSignal;
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
    this.deadline = now() + this.#timeout;
    this.#calls.watch(this.deadline);
  }

  disarm(): void {
    this.deadline = Number.POSITIVE_INFINITY;
  }

  /** The caller's signal aborted (this object is its listener). */
  handleEvent(): void {
    this.abort('aborted');
  }

  /** Releases the call: its listener and its place among the client's calls. */
  end(): void {
    this.disarm();
    this.#userSignal?.removeEventListener('abort', this);
    this.#calls.end(this);
  }

  // What fetch rejects with when the client itself ends a call: named like the platform's own
  // abort and timeout errors.
  #reason(why: 'closed' | 'timeout'): DOMException {
    return why === 'timeout'
      ? new DOMException(`no answer within ${this.#timeout} ms`, 'TimeoutError')
      : new DOMException('the client was closed', 'AbortError');
  }
}
