/** A stream the CLI writes to; `process.stdout`/`process.stderr` or any writable (tests, embedding). */
export type OutputStream = NodeJS.WritableStream & {
  /** Whether it is a terminal: lists become tables, `--wait` shows a progress bar. */
  isTTY?: boolean;
  /** Width of the terminal, for tables. */
  columns?: number;
  /** Whether the terminal shows colours (Node's `tty.WriteStream.hasColors`). */
  hasColors?: () => boolean;
};

/** The stream the CLI reads from (request files given as `-`, interactive prompts). */
export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean };

/**
 * Where the CLI reads and writes, and the environment it sees. {@link run} uses the process's own
 * streams and environment for whatever is left out.
 */
export interface CliIO {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment variables: `NO_COLOR`, `HOME` and the `S2GOS_*` configuration variables. */
  env: Record<string, string | undefined>;
}

/** Fills what is missing from the process. */
export function resolveIO(io: Partial<CliIO> = {}): CliIO {
  return {
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
  };
}

/** Whether to colour what goes to `stream`: a terminal that can, and no `NO_COLOR` (https://no-color.org). */
export function useColor(stream: OutputStream, env: CliIO['env']): boolean {
  if (env.NO_COLOR) return false;
  if (!stream.isTTY) return false;
  return typeof stream.hasColors === 'function' ? stream.hasColors() : true;
}

/** Reads a whole stream as UTF-8 text. */
export async function readAll(stream: InputStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
