import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/app',
    include: ['test/**/*.test.ts'],
    // Chromium and the `s2gos app` and `s2gos-server` processes start slowly on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
