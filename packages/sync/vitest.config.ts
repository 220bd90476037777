import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // The servers live in vitest's main process; a sync call from their own thread would deadlock.
    globalSetup: ['test/global-setup.ts'],
    typecheck: { include: ['test/**/*.test-d.ts'] },
  },
});
