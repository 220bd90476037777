/** The blocking iterators read every page through the worker, one page at a time. */
import { Client, ClientError, ErrorType } from '@s2gos/sync';
import { describe, expect, inject, it } from 'vitest';
import { JOB_COUNT, jobId, PROCESS_COUNT } from '../../async/test/helpers/list-server.js';

const listServerUrl = inject('listServerUrl');
const client = (mode: string) => new Client({ serverUrl: `${listServerUrl}/${mode}` });

describe('blocking iterators', () => {
  it('iterateProcesses reads all 25 processes', () => {
    const processes = [...client('oldest').iterateProcesses()];
    expect(processes).toHaveLength(PROCESS_COUNT);
    expect(new Set(processes.map((p) => p.id)).size).toBe(PROCESS_COUNT);
  });

  it('iterateJobs reads all 1,000 jobs, page by page', () => {
    const iterator = client('newest').iterateJobs({ limit: 100 });
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.jobID).toBe(jobId(JOB_COUNT - 1));
    const rest = [...iterator];
    expect(rest).toHaveLength(JOB_COUNT - 1);
    expect(rest.at(-1)?.jobID).toBe(jobId(0));
  });

  it('refuses a next link to another origin', () => {
    let error: unknown;
    try {
      for (const _job of client('elsewhere').iterateJobs()) {
        // read on until the link of the first page
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).apiError.type).toBe(ErrorType.invalidResponse);
  });
});
