import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { messageOf, tracebackOf } from './errors.js';
import { distFileUrl } from './module-url.js';
import type { RunTask, TaskOutcome, WorkerMessage } from './worker-protocol.js';

/** Options of a {@link ProcessPool}. */
export interface ProcessPoolOptions {
  /** Worker threads, and so processes running at once. */
  readonly threads: number;
  /** Heap limit of each worker in MiB; a process that passes it fails, the server stays up. */
  readonly memoryMb: number;
  /** How long a dismissed process may take to stop on its signal before its worker is terminated. */
  readonly abortGrace: number;
}

/** What a job hears from its process while it runs. */
export interface RunListener {
  onStarted(): void;
  onProgress(progress: number | undefined, message: string | undefined): void;
  onFile(name: string, mediaType: string, data: Uint8Array<ArrayBuffer>): void;
}

/** One process to run: where its code is, and its inputs as JSON text. */
export type RunRequest = Omit<RunTask, 'port'>;

/**
 * Runs processes in worker threads through a piscina pool, so that a process that blocks the
 * CPU, throws from a timer, rejects unhandled or runs out of memory stalls or kills only its
 * worker, never the HTTP server. Aborting a run first aborts the process's own signal and,
 * `abortGrace` later, terminates its worker: the work stops even when the process ignores the
 * signal, and the run's promise settles only then, so the thread stays counted until it is free.
 */
export class ProcessPool {
  readonly #pool: Piscina<RunTask, void>;
  readonly #abortGrace: number;
  /** Fails a run that waits for a worker, with the error of a worker that could not start. */
  readonly #waiting = new Set<(error: unknown) => void>();

  constructor(options: ProcessPoolOptions) {
    this.#abortGrace = options.abortGrace;
    this.#pool = new Piscina({
      filename: distFileUrl('process-worker.js'),
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
      // Our own MessagePort carries progress; piscina's atomics fast path is not needed.
      atomics: 'disabled',
    });
    // A worker failing outside a task (e.g. while starting) must not become an uncaught 'error'
    // event of the server. When no worker is left, the failure was a start: piscina then stops
    // starting workers for the tasks it holds, which would wait forever, so they fail with it.
    this.#pool.on('error', (error: unknown) => {
      if (this.#pool.threads.length > 0) return;
      for (const fail of this.#waiting) fail(error);
    });
  }

  /**
   * Runs a process to its end. Resolves with its outcome; a crash of its worker is a failed
   * outcome, not a rejection. After `signal` aborts, the outcome is meaningless.
   */
  async run(request: RunRequest, listener: RunListener, signal: AbortSignal): Promise<TaskOutcome> {
    const { port1, port2 } = new MessageChannel();
    let report!: (outcome: TaskOutcome) => void;
    const reported = new Promise<TaskOutcome>((resolve) => {
      report = resolve;
    });
    port1.on('message', (message: WorkerMessage) => {
      if (message.type === 'started') listener.onStarted();
      else if (message.type === 'progress') listener.onProgress(message.progress, message.message);
      else if (message.type === 'file')
        listener.onFile(message.name, message.mediaType, message.data);
      else report(message.outcome);
    });
    const terminate = new AbortController();
    let startFailure: unknown;
    const failStart = (error: unknown) => {
      startFailure = error;
      terminate.abort();
    };
    this.#waiting.add(failStart);
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      port1.postMessage({
        type: 'abort',
        reason: String((signal.reason as Error)?.message ?? 'aborted'),
      });
      timer = setTimeout(() => terminate.abort(), this.#abortGrace);
    };
    if (signal.aborted) terminate.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.#pool.run(
        { ...request, port: port2 },
        { transferList: [port2], signal: terminate.signal },
      );
      // Posted before the task returned, so it arrives.
      return await reported;
    } catch (thrown) {
      const error = startFailure ?? thrown;
      const message = messageOf(error);
      return {
        ok: false,
        message:
          startFailure === undefined
            ? `The process crashed: ${message}`
            : `The process could not start: no worker thread could start (${message}). Reinstall @s2gos/server if its files are incomplete.`,
        traceback: tracebackOf(error),
      };
    } finally {
      this.#waiting.delete(failStart);
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      port1.close();
    }
  }

  /** Terminates every worker. */
  async destroy(): Promise<void> {
    await this.#pool.destroy();
  }
}
