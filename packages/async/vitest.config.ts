import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/async',
    // Type tests (`*.test-d.ts`) run in every run, also when the root run does not pass `--typecheck`.
    typecheck: { enabled: true, tsconfig: './tsconfig.json', include: ['test/**/*.test-d.ts'] },
    // The browser test starts Chromium; the CJS test starts Node: slow on a loaded machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
