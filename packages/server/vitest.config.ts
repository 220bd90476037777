import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/server',
    // Type tests (`*.test-d.ts`) run in every run, also when the root run does not pass `--typecheck`.
    typecheck: { enabled: true, tsconfig: './tsconfig.json', include: ['test/**/*.test-d.ts'] },
    // The bin tests start Node processes and some tests start several servers: slow on a loaded machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
