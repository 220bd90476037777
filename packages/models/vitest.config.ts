import { defineProject } from 'vitest/config';

// Type tests (`*.test-d.ts`) run in every run, also when the root run does not pass `--typecheck`.
export default defineProject({
  test: {
    name: '@s2gos/models',
    typecheck: { enabled: true, tsconfig: './tsconfig.json', include: ['test/**/*.test-d.ts'] },
  },
});
