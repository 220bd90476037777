import { startServer } from '@s2gos/server';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

/** The access token the test server requires; it must never show up in any CLI output. */
export const TEST_TOKEN = 'cli-test-token-8d41e7b2c9';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `@s2gos/server` requiring {@link TEST_TOKEN}, with tracebacks (debug) on. */
    cliServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer({ host: '127.0.0.1', port: 0, token: TEST_TOKEN, debug: true });
  project.provide('cliServerUrl', server.url);
  return () => server.close();
}
