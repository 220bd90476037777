/** `iterateProcesses` and `iterateJobs` follow next links page by page, within the server's origin. */
import { AsyncClient, ClientError, ErrorType } from '@s2gos/async';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JOB_COUNT,
  jobId,
  type ListServer,
  PROCESS_COUNT,
  startListServer,
} from './helpers/list-server.js';

let server: ListServer;
beforeAll(async () => {
  server = await startListServer();
});
afterAll(() => server.close());

const client = (mode: string) => new AsyncClient({ serverUrl: `${server.url}/${mode}` });

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('iterateProcesses', () => {
  it('reads all 25 processes over the pages of 10', async () => {
    const before = server.requests.length;
    const processes = await collect(client('oldest').iterateProcesses());
    expect(processes.map((p) => p.id)).toEqual(
      Array.from({ length: PROCESS_COUNT }, (_, i) => `process-${String(i).padStart(2, '0')}`),
    );
    expect(server.requests.length - before).toBe(3);
  });

  it('reads a page only when the loop needs it', async () => {
    const before = server.requests.length;
    for await (const process of client('oldest').iterateProcesses()) {
      expect(process.id).toBe('process-00');
      break;
    }
    expect(server.requests.length - before).toBe(1);
  });
});

describe('iterateJobs', () => {
  it('reads all 1,000 jobs with absolute and relative next links', async () => {
    const oldest = await collect(client('oldest').iterateJobs({ limit: 100 }));
    expect(oldest.map((job) => job.jobID)).toEqual(
      Array.from({ length: JOB_COUNT }, (_, i) => jobId(i)),
    );
    const newest = await collect(client('newest').iterateJobs());
    expect(newest).toHaveLength(JOB_COUNT);
    expect(newest[0]?.jobID).toBe(jobId(JOB_COUNT - 1));
    expect(server.requests.at(-1)).toBe('/newest/jobs?limit=10&offset=990');
  });

  it('refuses a next link to another origin, and one back to a page already read', async () => {
    for (const [mode, problem] of [
      ['elsewhere', /is not on the server's origin/],
      ['loop', /leads back to a page already read/],
    ] as const) {
      const before = server.requests.length;
      const error = await collect(client(mode).iterateJobs()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).apiError.type).toBe(ErrorType.invalidResponse);
      expect((error as ClientError).message).toMatch(problem);
      expect(server.requests.slice(before).every((r) => r.startsWith(`/${mode}/`))).toBe(true);
    }
  });
});
