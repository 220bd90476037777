import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@s2gos/test-oidc',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
