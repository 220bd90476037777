import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '@s2gos/server';
import { startOidcProvider } from '@s2gos/test-oidc';
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
    /** A real OpenID Connect provider (`@s2gos/test-oidc`, 2 s access tokens). */
    oidcIssuer: string;
    /** `@s2gos/server` requiring tokens of `oidcIssuer`. */
    oidcServerUrl: string;
    /** `POST <url>?code=<user code>` approves a pending device sign-in of `oidcIssuer` as ernie. */
    approveDeviceUrl: string;
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
  const oidc = await startOidcProvider({ accessTokenTtl: 2 });
  const oidcServer = await startServer({
    port: 0,
    oidcIssuer: oidc.issuer,
    audience: oidc.audience,
  });
  const listServer = await startListServer();
  project.provide('serverUrl', server.url);
  project.provide('authServerUrl', authServer.url);
  project.provide('authToken', TOKEN);
  project.provide('badServerUrl', badServer.url);
  project.provide('listServerUrl', listServer.url);
  project.provide('oidcIssuer', oidc.issuer);
  project.provide('oidcServerUrl', oidcServer.url);
  // The provider lives here: the tests approve a device sign-in through this endpoint.
  const approver = createServer((request, response) => {
    const code = new URL(request.url ?? '', 'http://x').searchParams.get('code') ?? '';
    oidc.approveDevice(code, 'ernie').then(
      () => response.writeHead(204).end(),
      (error: Error) => response.writeHead(404).end(error.message),
    );
  });
  await new Promise<void>((done) => approver.listen(0, '127.0.0.1', done));
  project.provide(
    'approveDeviceUrl',
    `http://127.0.0.1:${(approver.address() as AddressInfo).port}/approve`,
  );
  return async () => {
    await Promise.all([
      server.close(),
      authServer.close(),
      badServer.close(),
      oidcServer.close(),
      listServer.close(),
    ]);
    await oidc.close();
    approver.closeAllConnections();
    await new Promise((done) => approver.close(done));
  };
}
