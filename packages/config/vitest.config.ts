import { defineProject } from 'vitest/config';

// Type tests (`*.test-d.ts`) run in every run, including the root workspace run, which does not
// pass `--typecheck` on to its projects.
export default defineProject({
  test: {
    name: '@s2gos/config',
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
  },
});
