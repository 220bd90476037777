import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/sync',
    // The servers live in vitest's main process; a sync call from their own thread would deadlock.
    globalSetup: ['test/global-setup.ts'],
    // Type tests (`*.test-d.ts`) run in every run, also when the root run does not pass `--typecheck`.
    typecheck: { enabled: true, tsconfig: './tsconfig.json', include: ['test/**/*.test-d.ts'] },
  },
});
