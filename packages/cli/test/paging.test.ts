/** `lp`/`lj` with `--limit` and `--all` over every page, and `lj` newest first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JOB_COUNT,
  jobId,
  type ListServer,
  PROCESS_COUNT,
  startListServer,
} from '../../async/test/helpers/list-server.js';
import { makeHome, removeHome, s2gos } from './cli.js';

let server: ListServer;
let home: string;

beforeAll(async () => {
  server = await startListServer();
  home = makeHome();
});

afterAll(async () => {
  await server.close();
  removeHome(home);
});

/** Runs the CLI against the list server in `mode`; returns the parsed JSON output and stderr. */
async function list(mode: string, args: string[]) {
  const result = await s2gos(home, [...args, '--server', `${server.url}/${mode}`, '-f', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return { document: JSON.parse(result.stdout), stderr: result.stderr };
}

function newest(count: number): string[] {
  return Array.from({ length: count }, (_, i) => jobId(JOB_COUNT - 1 - i));
}

describe('list-processes', () => {
  it('shows every process by default, page after page', async () => {
    const { document, stderr } = await list('oldest', ['lp']);
    expect(document.processes).toHaveLength(PROCESS_COUNT);
    expect(new Set(document.processes.map((p: { id: string }) => p.id)).size).toBe(PROCESS_COUNT);
    expect(stderr).toBe('');
  });

  it('cuts at --limit and says how many were shown and how to see more', async () => {
    const { document, stderr } = await list('newest', ['lp', '--limit', '5']);
    expect(document.processes.map((p: { id: string }) => p.id)).toEqual([
      'process-00',
      'process-01',
      'process-02',
      'process-03',
      'process-04',
    ]);
    expect(stderr).toBe('Showing the first 5 processes: --limit N shows more, --all shows all.\n');
    expect((await list('newest', ['lp', '--limit', '25'])).stderr).toBe('');
    expect((await list('newest', ['lp', '--all'])).document.processes).toHaveLength(PROCESS_COUNT);
  });
});

describe('list-jobs', () => {
  it('shows the 10 newest by default from a server that lists oldest first', async () => {
    const { document, stderr } = await list('oldest', ['lj']);
    expect(document.jobs.map((j: { jobID: string }) => j.jobID)).toEqual(newest(10));
    expect(stderr).toBe(
      `Showing the 10 newest of ${JOB_COUNT} jobs: --limit N shows more, --all shows all.\n`,
    );
  });

  it('shows all 1,000 jobs newest first with --all', async () => {
    for (const mode of ['oldest', 'newest']) {
      const { document, stderr } = await list(mode, ['lj', '--all']);
      expect(document.jobs.map((j: { jobID: string }) => j.jobID)).toEqual(newest(JOB_COUNT));
      expect(stderr).toBe('');
    }
  });

  it('reads only the first page from a server that lists newest first', async () => {
    const before = server.requests.length;
    const { document, stderr } = await list('newest', ['lj', '--limit', '25']);
    expect(document.jobs.map((j: { jobID: string }) => j.jobID)).toEqual(newest(25));
    expect(stderr).toBe('Showing the 25 newest jobs: --limit N shows more, --all shows all.\n');
    const jobPages = server.requests.slice(before).filter((r) => r.startsWith('/newest/jobs'));
    expect(jobPages).toEqual(['/newest/jobs?limit=100']);
  });

  it('refuses a next link to another origin and a next link back to a page read', async () => {
    for (const [mode, problem] of [
      ['elsewhere', "is not on the server's origin"],
      ['loop', 'leads back to a page already read'],
    ] as const) {
      const result = await s2gos(home, ['lj', '--all', '--server', `${server.url}/${mode}`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Error: the server's next-page link`);
      expect(result.stderr).toContain(problem);
    }
  });

  it('takes --limit or --all, not both', async () => {
    const result = await s2gos(home, ['lj', '--all', '--limit', '3', '--server', server.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: option '--all' cannot be used with option '--limit/);
  });
});
