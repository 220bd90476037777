// One cell per thread; nobody ever notifies it, so `Atomics.wait` always runs to its timeout.
const cell = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

/**
 * Blocks the calling thread for `ms` milliseconds: no timer, promise or I/O callback of this
 * thread runs meanwhile — the sync client's poll loop sleeps with it.
 */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(cell, 0, 0, ms);
}
