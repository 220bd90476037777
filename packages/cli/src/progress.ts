import type { JobInfo } from '@s2gos/async';
import type { SingleBar } from 'cli-progress';
import type { OutputStream } from './io.js';

/** Shows how a followed job goes, on stderr so that stdout keeps only the results. */
export interface JobProgressView {
  update(job: JobInfo): void;
  /** Ends the view (idempotent); the bar leaves its last state on screen. */
  stop(): void;
}

/**
 * A progress bar when `stream` is a terminal, otherwise one plain line per change of status,
 * progress or message (so that logs and CI output stay readable).
 */
export async function createJobProgressView(
  stream: OutputStream,
  asBar: boolean,
): Promise<JobProgressView> {
  if (!asBar) return new LineView(stream);
  const { default: progress } = await import('cli-progress');
  return new BarView(
    new progress.SingleBar(
      {
        stream,
        format: 'job {job} {bar} {percentage}% | {status}{message}',
        hideCursor: true,
        barsize: 30,
      },
      progress.Presets.shades_classic,
    ),
  );
}

class BarView implements JobProgressView {
  readonly #bar: SingleBar;
  #started = false;

  constructor(bar: SingleBar) {
    this.#bar = bar;
  }

  update(job: JobInfo): void {
    const payload = {
      job: job.jobID,
      status: job.status,
      message: job.message ? ` – ${job.message}` : '',
    };
    if (!this.#started) {
      this.#bar.start(100, job.progress ?? 0, payload);
      this.#started = true;
    } else if (typeof job.progress === 'number') {
      this.#bar.update(job.progress, payload);
    } else {
      this.#bar.update(payload);
    }
  }

  stop(): void {
    if (this.#started) this.#bar.stop();
    this.#started = false;
  }
}

class LineView implements JobProgressView {
  readonly #stream: OutputStream;
  #last = '';

  constructor(stream: OutputStream) {
    this.#stream = stream;
  }

  update(job: JobInfo): void {
    const progress = typeof job.progress === 'number' ? ` ${job.progress}%` : '';
    const message = job.message ? `: ${job.message}` : '';
    const line = `job ${job.jobID} ${job.status}${progress}${message}`;
    if (line !== this.#last) this.#stream.write(`${line}\n`);
    this.#last = line;
  }

  stop(): void {}
}
