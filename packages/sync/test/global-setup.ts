import { startServer } from '@s2gos/server';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startListServer } from '../../async/test/helpers/list-server.js';
import { startMisbehavingServer } from './misbehaving-server.js';

const TOKEN = 'test-token-5f2c9a71';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `@s2gos/server` without authentication. */
    serverUrl: string;
    /** `@s2gos/server` requiring `authToken`. */
    authServerUrl: string;
    /** The access token `authServerUrl` requires. */
    authToken: string;
    /** {@link startMisbehavingServer}; append `/<behaviour>`. */
    badServerUrl: string;
    /** The paging list server (`startListServer`); append `/<mode>`. */
    listServerUrl: string;
  }
}

/**
 * Starts the servers in vitest's main process: a sync call from the thread that hosts the server
 * it calls would deadlock, and the tests run in other processes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer({ host: '127.0.0.1', port: 0 });
  const authServer = await startServer({ host: '127.0.0.1', port: 0, token: TOKEN });
  const badServer = await startMisbehavingServer();
  const listServer = await startListServer();
  project.provide('serverUrl', server.url);
  project.provide('authServerUrl', authServer.url);
  project.provide('authToken', TOKEN);
  project.provide('badServerUrl', badServer.url);
  project.provide('listServerUrl', listServer.url);
  return async () => {
    await Promise.all([server.close(), authServer.close(), badServer.close(), listServer.close()]);
  };
}
