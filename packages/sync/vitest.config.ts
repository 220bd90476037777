import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/sync',
    // Tests spawn node scripts and block on worker calls (child runs are killed after 30 s): the
    // default 5 s fails them on a loaded machine, as the other packages' configs already allow for.
    testTimeout: 30_000,
    // The servers live in vitest's main process; a sync call from their own thread would deadlock.
    globalSetup: ['test/global-setup.ts'],
    // Type tests (`*.test-d.ts`) run in every run, also when the root run does not pass `--typecheck`.
    typecheck: { enabled: true, tsconfig: './tsconfig.json', include: ['test/**/*.test-d.ts'] },
  },
});
