/**
 * Starts `fixtures/forward-proxy.mjs` (a real HTTP forward proxy that alone resolves
 * `s2gos.invalid`) in a child process; the sync package's tests use it too.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running forward proxy. */
export interface ForwardProxy {
  /** `http://127.0.0.1:<port>`, for `HTTP_PROXY`. */
  url: string;
  /** One line per request forwarded so far: `METHOD URL`. */
  forwarded: string[];
  /** Stops the proxy. */
  close: () => void;
}

/** Starts the proxy and resolves once it listens. */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const script = fileURLToPath(new URL('./fixtures/forward-proxy.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const forwarded: string[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      if (line.startsWith('listening ')) resolve(`http://127.0.0.1:${line.slice(10)}`);
      else forwarded.push(line);
    });
  });
  return { url, forwarded, close: () => child.kill() };
}
