/** The one abortable wait of the package: between polls of a job, and of the device grant. */

// setTimeout fires at once for delays past 2^31 - 1 ms.
const MAX_TIMER_DELAY = 2_147_483_647;

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts (at once if
 * it already has); the timer is cleared then, so none outlives the wait.
 */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_DELAY),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
