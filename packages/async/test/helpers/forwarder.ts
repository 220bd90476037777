/** Starts `tcp-forwarder.mjs` in a child process and follows what it prints. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running forwarder with a scheduled outage. */
export interface Forwarder {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** What it printed so far after `listening`: `stopped TIME`, `restarted TIME`. */
  events: string[];
  /** The times of the outage, once the forwarder has reported both. */
  outage(): { stopped: number; restarted: number };
  close(): void;
}

const script = fileURLToPath(new URL('./tcp-forwarder.mjs', import.meta.url));

/** Forwards to `target` (an http URL on 127.0.0.1); stops after `stopAfter` ms for `outage` ms. */
export async function startForwarder(
  target: string,
  stopAfter: number,
  outage: number,
): Promise<Forwarder> {
  const child: ChildProcess = spawn(
    process.execPath,
    [script, new URL(target).port, String(stopAfter), String(outage)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const events: string[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`forwarder exited with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
      else events.push(line);
    });
  });
  const time = (name: string) => {
    const event = events.find((line) => line.startsWith(`${name} `));
    if (!event) throw new Error(`the forwarder has not ${name} yet`);
    return Number(event.slice(name.length + 1));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    outage: () => ({ stopped: time('stopped'), restarted: time('restarted') }),
    close: () => child.kill(),
  };
}
