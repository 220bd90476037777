import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsyncClient } from '@s2gos/async';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AwkwardServer, startAwkwardServer } from './awkward-server.js';
import { makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';

const serverUrl = inject('cliServerUrl');
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
// Inside the package, so that the modules resolve `@s2gos/async` and `@s2gos/sync` as a user's would.
const GENERATED = join(PACKAGE, 'test', 'generated');
const FIXTURES = join(PACKAGE, 'test', 'fixtures');
const require = createRequire(import.meta.url);

// The generated modules do not exist before the tests write them: their types are the fixtures'.
type DemoModule = typeof import('./fixtures/demo-client.js');
type DemoSyncModule = typeof import('./fixtures/demo-client-sync.js');
type Method = (inputs?: object) => Promise<unknown>;
interface AwkwardModule {
  AwkwardClient: new (options: { serverUrl: string }) => AsyncClient;
  OutputByReferenceError: new (...args: never[]) => Error;
}

async function load<T>(file: string): Promise<T> {
  return (await import(join(GENERATED, file))) as T;
}

let home: string;
let bareHome: string;
let awkward: AwkwardServer;

/** Runs `s2gos generate-client ...args` and returns the module it printed. */
async function generate(homeDir: string, args: string[]): Promise<string> {
  const result = await s2gos(homeDir, ['generate-client', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** Runs a Node tool of the workspace and returns its exit code and output. */
function tool(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: PACKAGE });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  home = makeHome();
  bareHome = makeHome();
  awkward = await startAwkwardServer();
  const configured = await s2gos(home, ['configure', '-s', serverUrl, '-t', TEST_TOKEN]);
  expect(configured.code).toBe(0);
  mkdirSync(GENERATED, { recursive: true });
  // One after the other: each CLI run has a deadline, and the machine may be busy.
  const written = [];
  for (const [homeDir, args] of [
    [home, ['demo', '-o', join(GENERATED, 'demo.ts')]],
    [home, ['demo', '--sync', '-o', join(GENERATED, 'demo-sync.ts')]],
    [bareHome, ['awkward', '-s', awkward.url, '-o', join(GENERATED, 'awkward.ts')]],
    [bareHome, ['awkward', '--sync', '-s', awkward.url, '-o', join(GENERATED, 'awkward-sync.ts')]],
  ] as const) {
    written.push(await s2gos(homeDir, ['generate-client', ...args]));
  }
  for (const result of written) expect(result.code, result.stderr).toBe(0);
  expect(written[0]?.stderr).toMatch(/^Wrote DemoClient \(5 processes\) to .*demo\.ts\.\n$/);
}, 120_000);

afterAll(async () => {
  removeHome(home);
  removeHome(bareHome);
  await awkward.close();
});

describe('generate-client', () => {
  it('is deterministic and matches the committed fixture (the type tests run on it)', async () => {
    const first = await generate(home, ['demo']);
    const second = await generate(home, ['demo']);
    expect(second).toBe(first);
    // The fixture was generated from a local server on another port.
    const normalise = (text: string) => text.replaceAll(/http:\/\/127\.0\.0\.1:\d+\//g, 'SERVER/');
    expect(normalise(first)).toBe(
      normalise(readFileSync(join(FIXTURES, 'demo-client.ts'), 'utf8')),
    );
    const sync = await generate(home, ['demo', '--sync']);
    expect(normalise(sync)).toBe(
      normalise(readFileSync(join(FIXTURES, 'demo-client-sync.ts'), 'utf8')),
    );
  });

  it('starts with a header naming the server and how to regenerate the module', () => {
    const text = readFileSync(join(GENERATED, 'demo.ts'), 'utf8');
    expect(text.startsWith('/**\n * `DemoClient`: a typed client for the processes of')).toBe(true);
    expect(text).toContain(
      ` * s2gos generate-client demo --server ${serverUrl}/ -o ${join(GENERATED, 'demo.ts')}\n`,
    );
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('writes modules that pass tsc --strict and biome without edits', async () => {
    const files = ['demo.ts', 'demo-sync.ts', 'awkward.ts', 'awkward-sync.ts'].map((file) =>
      join(GENERATED, file),
    );
    const tsc = await tool(require.resolve('typescript/bin/tsc'), [
      '--strict',
      '--noEmit',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--noUncheckedIndexedAccess',
      '--exactOptionalPropertyTypes',
      '--noImplicitOverride',
      ...files,
    ]);
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
    const biome = await tool(require.resolve('@biomejs/biome/bin/biome'), [
      'check',
      '--vcs-use-ignore-file=false',
      ...files,
    ]);
    expect(biome.output, biome.output).toContain('Checked 4 files');
    expect(biome.code, biome.output).toBe(0);
  }, 120_000);

  it('rejects a NAME that gives no class name, before contacting the server', async () => {
    const result = await s2gos(bareHome, ['generate-client', '42', '-s', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("NAME '42' gives no usable class name");
  });
});

describe('a generated async client', () => {
  it('runs every demo process and types its outputs', async () => {
    const { DemoClient } = await load<DemoModule>('demo.ts');
    const client = new DemoClient({ serverUrl, accessToken: TEST_TOKEN });
    try {
      const { primes } = await client.primesBetween({ min_val: 10, max_val: 30 });
      expect(primes).toEqual([11, 13, 17, 19, 23, 29]);
      expect((await client.primesBetween()).primes.slice(0, 3)).toEqual([2, 3, 5]);
      expect(await client.echo({ value: { nested: [1, null] } })).toEqual({
        value: { nested: [1, null] },
      });
      const { scene } = await client.sceneLink({
        bbox: { bbox: [10, 40, 11, 41] },
        start_date: '2025-06-01',
        end_date: '2025-06-02',
      });
      expect(scene.href).toMatch(/^https:\/\/scenes\.example\.com\//);
      expect((await client.sleepAWhile({ duration: 0 })).slept).toBeGreaterThanOrEqual(0);
      await expect(client.sleepAWhile({ duration: 0.2, fail: true })).rejects.toThrow();
      const { image } = await client.mapImage({ bbox: { bbox: [0, 0, 20, 20] }, width: 8 });
      expect(image).toMatchObject({
        type: 'image/png',
        href: expect.stringMatching(/\/map\.png$/),
      });
      const job = await client.startPrimesBetween({ max_val: 5 });
      expect(job.status).toMatch(/accepted|running|successful/);
      expect((await client.waitForJob(job.jobID)).status).toBe('successful');
    } finally {
      await client.close();
    }
  }, 60_000);

  it('sends the inputs as given and reads bare values, qualified values and links', async () => {
    const { AwkwardClient, OutputByReferenceError } = await load<AwkwardModule>('awkward.ts');
    const client = new AwkwardClient({ serverUrl: awkward.url });
    const call = (method: string, inputs?: object) =>
      (client as unknown as Record<string, Method>)[method]?.call(client, inputs);
    try {
      const inputs = { count: 3, maybe: null, tags: ['a'], 'odd name.with-dots': false };
      expect(await call('forms', inputs)).toEqual({
        bare: 1.5,
        qualified: 7,
        linked: 'inline',
        object: { href: 'kept as it is' },
      });
      expect(awkward.requests.at(-1)).toEqual({ processId: 'forms', body: { inputs } });
      const failure = await call('forms', { count: 1, anything: 'link' })?.catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OutputByReferenceError);
      expect(failure).toMatchObject({
        output: 'linked',
        href: 'https://data.example.com/out.txt',
        message: expect.stringContaining("get it with getJobResults('job-"),
      });
      // Clashing ids got distinct method names; each runs its own process.
      const methods: [string, string][] = [
        ['getJob2', 'get_job'],
        ['aB', 'a-b'],
        ['aB2', 'a_b'],
        ['startX', 'start_x'],
        // `x` comes after `start_x`, whose method took `startX`, the start method of `x`.
        ['x2', 'x'],
        ['class', 'class'],
        ['process3dModel', '3d-model'],
        ['delete', 'delete'],
      ];
      for (const [method, processId] of methods) {
        expect(await call(method)).toEqual({});
        expect(awkward.requests.at(-1)?.processId).toBe(processId);
      }
      expect(await call('startStartX')).toMatchObject({ processID: 'start_x' });
      expect(await call('startX2')).toMatchObject({ processID: 'x' });
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('a generated sync client (--sync)', () => {
  it('runs every demo process, blocking', async () => {
    const { DemoClient } = await load<DemoSyncModule>('demo-sync.ts');
    const client = new DemoClient({ serverUrl, accessToken: TEST_TOKEN });
    try {
      expect(client.primesBetween({ min_val: 10, max_val: 30 }).primes).toEqual([
        11, 13, 17, 19, 23, 29,
      ]);
      expect(client.echo({ value: 'x' })).toEqual({ value: 'x' });
      const { scene } = client.sceneLink({
        bbox: { bbox: [10, 40, 11, 41] },
        start_date: '2025-06-01',
        end_date: '2025-06-01',
      });
      expect(scene.href).toMatch(/^https:\/\/scenes\.example\.com\//);
      expect(client.sleepAWhile({ duration: 0 }).slept).toBeGreaterThanOrEqual(0);
      expect(() => client.sleepAWhile({ duration: 0.2, fail: true })).toThrow();
      const { image } = client.mapImage({ bbox: { bbox: [0, 0, 20, 20] }, height: 8 });
      expect(image).toMatchObject({
        type: 'image/png',
        href: expect.stringMatching(/\/map\.png$/),
      });
      const job = client.startSleepAWhile({ duration: 0 });
      expect(client.waitForJob(job.jobID).status).toBe('successful');
    } finally {
      client.close();
    }
  }, 60_000);
});
