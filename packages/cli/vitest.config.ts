import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/cli',
    // The server runs in vitest's main process; the CLI under test runs as child processes.
    globalSetup: ['test/global-setup.ts'],
    // Each CLI run starts a Node process; on a loaded machine that takes a while.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, tsconfig: './tsconfig.json', include: ['test/**/*.test-d.ts'] },
  },
});
