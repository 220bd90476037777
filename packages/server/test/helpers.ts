import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type ModelSchema, parseModel } from '@s2gos/models';
import { expect } from 'vitest';
// Processes run in worker threads that import their modules by URL: the server under test is the
// built one, with the test processes of `fixtures/processes.mjs`.
import {
  demoProcesses,
  type RunningServer,
  type ServerOptions,
  startServer,
} from '../dist/index.js';
import * as fixtures from './fixtures/processes.mjs';

/** The demo processes and the test processes of `fixtures/processes.mjs`. */
export const testProcesses = [...demoProcesses, ...Object.values(fixtures)];

/** An answer of the server: status, headers and the parsed JSON body (or the text). */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A server for one test file, talked to with plain `fetch`. */
export class TestServer {
  private constructor(
    readonly server: RunningServer,
    readonly token?: string,
  ) {}

  /** Starts a server in this process, with {@link testProcesses} unless told otherwise. */
  static async start(options: ServerOptions = {}): Promise<TestServer> {
    return new TestServer(
      await startServer({ port: 0, processes: testProcesses, ...options }),
      options.token,
    );
  }

  /**
   * Starts a server with {@link testProcesses} in a child process whose heap is capped, for
   * tests where a regression could crash or exhaust the server: it fails the test instead of
   * killing the runner. `exited` tells whether the child died.
   */
  static async spawn(
    options: Omit<ServerOptions, 'processes' | 'log' | 'signal'> = {},
    maxOldSpaceMb = 256,
  ): Promise<TestServer & { exited: () => boolean }> {
    const serve = fileURLToPath(new URL('./fixtures/serve.mjs', import.meta.url));
    const args = [`--max-old-space-size=${maxOldSpaceMb}`, serve, JSON.stringify(options)];
    return TestServer.spawnNode(args, options.token);
  }

  /**
   * Runs `node args` in the package's folder, a server that prints its URL as its first line of
   * output, and returns that server.
   */
  static async spawnNode(
    args: string[],
    token?: string,
  ): Promise<TestServer & { exited: () => boolean }> {
    const child = spawn(process.execPath, args, {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await Promise.race([
      once(child.stdout, 'data'),
      once(child, 'exit').then(() => {
        throw new Error('The server process exited before listening');
      }),
    ])) as [Buffer];
    const url = line.toString().trim();
    const running: RunningServer = {
      url,
      async close() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        await once(child, 'exit');
      },
    };
    return Object.assign(new TestServer(running, token), {
      exited: () => child.exitCode !== null || child.signalCode !== null,
    });
  }

  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Sends a request (with the token, if the server has one) and reads the body. */
  async fetch(path: string, init: RequestInit = {}): Promise<Answer> {
    const headers = new Headers(init.headers);
    if (this.token && !headers.has('Authorization')) {
      headers.set('Authorization', `Bearer ${this.token}`);
    }
    const res = await fetch(`${this.url}${path}`, { ...init, headers });
    const text = await res.text();
    const type = res.headers.get('Content-Type') ?? '';
    const body = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body };
  }

  /** GET a document, expect 200 JSON and parse it with a models schema. */
  async get<S extends ModelSchema>(
    path: string,
    schema: S,
  ): Promise<ReturnType<typeof parseModel<S>>> {
    const answer = await this.fetch(path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.headers.get('Content-Type')).toMatch(/^application\/json/);
    return parseModel(schema, answer.body);
  }

  /** POST an execute request (`body` is sent as JSON unless it is a string). */
  execute(processId: string, body: unknown, headers: Record<string, string> = {}) {
    return this.fetch(`/processes/${processId}/execution`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

/**
 * Polls `check` until it returns a value other than `undefined`, at most `tries` times. The
 * default bound (about 25 s of waiting) sits just under the test timeout: it only stops a test
 * that would hang, and is no speed assertion that a loaded machine could fail.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { tries = 2500, interval = 10 } = {},
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`Condition not met after ${tries} tries`);
}

/** The OGC exception URI of a problem type name. */
export const ogcException = (name: string) =>
  `http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/${name}`;

/** Expects an RFC 7807 problem with this status and type. */
export function expectProblem(
  answer: Answer,
  status: number,
  type: string,
): Record<string, unknown> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('Content-Type')).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ type, status });
  const body = answer.body as Record<string, unknown>;
  expect(typeof body.title).toBe('string');
  return body;
}
