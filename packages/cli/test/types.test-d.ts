import type { JobStatus } from '@s2gos/async';
import type { Command } from 'commander';
import { describe, expectTypeOf, it } from 'vitest';
import { type CliIO, createProgram, ExitCode, run } from '../dist/index.js';
import type { JOB_STATUSES } from '../src/commands/jobs.js';

describe('public types', () => {
  it('run() resolves to an exit code and takes partial I/O', () => {
    expectTypeOf(run).parameter(0).toEqualTypeOf<readonly string[]>();
    expectTypeOf(run).parameter(1).toEqualTypeOf<Partial<CliIO> | undefined>();
    expectTypeOf(run).returns.resolves.toEqualTypeOf<ExitCode>();
    expectTypeOf<ExitCode>().toEqualTypeOf<0 | 1 | 2 | 3 | 130>();
    expectTypeOf(ExitCode.ServerError).toEqualTypeOf<2>();
  });

  it('createProgram() returns a commander Command', () => {
    expectTypeOf(createProgram).returns.toEqualTypeOf<Command>();
  });

  it('--status accepts exactly the job statuses of the models', () => {
    expectTypeOf<(typeof JOB_STATUSES)[number]>().toEqualTypeOf<JobStatus>();
  });
});
