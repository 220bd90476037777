/**
 * The progress of `get-job-results -o DIR` on stderr: a byte bar per output on a terminal,
 * otherwise one line per file when it is complete.
 */
import type { DownloadProgress } from '@s2gos/async';
import type { OutputStream } from './io.js';

/** Takes the client's `onProgress` reports; `stop` ends the display. */
export interface DownloadView {
  update(progress: DownloadProgress): void;
  stop(): void;
}

/** A bar when `asBar` (stderr is a terminal), otherwise a line per completed file. */
export async function createDownloadView(
  stream: OutputStream,
  asBar: boolean,
): Promise<DownloadView> {
  if (!asBar) {
    return {
      update({ output, received, total }) {
        if (total !== undefined && received === total) {
          stream.write(`downloaded ${output} (${received} bytes)\n`);
        }
      },
      stop() {},
    };
  }
  const { default: progress } = await import('cli-progress');
  const bar = new progress.SingleBar(
    { stream, format: '{output} {bar} {value}/{total} bytes', hideCursor: true, barsize: 30 },
    progress.Presets.shades_classic,
  );
  let current: string | undefined;
  return {
    update({ output, received, total }) {
      if (output !== current) {
        if (current !== undefined) bar.stop();
        bar.start(total ?? 0, received, { output });
        current = output;
      } else {
        if (total !== undefined) bar.setTotal(total);
        bar.update(received, { output });
      }
    },
    stop() {
      if (current !== undefined) bar.stop();
      current = undefined;
    },
  };
}
