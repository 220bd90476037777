import type { AsyncClient } from '@s2gos/async';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { ConnectPage } from './ConnectPage.js';
import { SessionContext } from './client-context.js';
import {
  type Connection,
  createClient,
  discoverConnection,
  forgetConnection,
  type Startup,
  storeConnection,
} from './connection.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { JobListPage } from './JobListPage.js';
import { JobPage } from './JobPage.js';
import { ProcessListPage } from './ProcessListPage.js';
import { href, navigate, type Route, useRoute } from './router.js';

// The form library and its validator are most of the app's code: loaded with the first process
// page, so that the process and job lists come up without them.
const ProcessPage = lazy(() =>
  import('./ProcessPage.js').then(({ ProcessPage }) => ({ default: ProcessPage })),
);

/** The app: finds its connection, then shows the page the URL's hash names. */
export function App() {
  const [startup, setStartup] = useState<Startup | undefined>();
  useEffect(() => {
    void discoverConnection().then(setStartup);
  }, []);
  const connection = startup && 'connection' in startup ? startup.connection : undefined;
  const client = useMemo(() => (connection ? createClient(connection) : undefined), [connection]);
  // A replaced client is closed (its calls in flight end); closing on unmount instead would close
  // the live client when React re-runs effects in development.
  const previous = useRef<AsyncClient | undefined>(undefined);
  useEffect(() => {
    if (previous.current && previous.current !== client) void previous.current.close();
    previous.current = client;
  }, [client]);
  const route = useRoute();

  const connect = (next: Connection) => {
    storeConnection(next);
    setStartup({ connection: next });
    navigate({ page: 'processes' });
  };
  const disconnect = () => {
    forgetConnection();
    setStartup({ suggestedUrl: connection?.serverUrl });
    navigate({ page: 'connect' });
  };

  if (!startup) return <p className="loading">Starting…</p>;
  const showConnect = !connection || !client || (route.page === 'connect' && !connection.forwarded);
  return (
    <>
      <header className="top">
        <a className="brand" href={href({ page: 'processes' })}>
          S2GOS
        </a>
        <nav aria-label="Main">
          <a href={href({ page: 'processes' })} aria-current={current(route, 'processes')}>
            Processes
          </a>
          <a href={href({ page: 'jobs' })} aria-current={current(route, 'jobs')}>
            Jobs
          </a>
        </nav>
        {connection && (
          <p className="service" title={connection.service}>
            <span className="visually-hidden">Connected to </span>
            {connection.service}
            {!connection.forwarded && (
              <button type="button" className="link" onClick={disconnect}>
                Disconnect
              </button>
            )}
          </p>
        )}
      </header>
      <main>
        {showConnect ? (
          <ConnectPage
            suggestedUrl={
              connection?.serverUrl ??
              ('suggestedUrl' in startup ? startup.suggestedUrl : undefined)
            }
            onConnect={connect}
          />
        ) : (
          <SessionContext.Provider value={{ connection, client }}>
            <ErrorBoundary key={JSON.stringify(route)}>
              <Page route={route} />
            </ErrorBoundary>
          </SessionContext.Provider>
        )}
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'process':
      return (
        <Suspense fallback={<p className="loading">Loading the form…</p>}>
          <ProcessPage key={route.processId} processId={route.processId} />
        </Suspense>
      );
    case 'jobs':
      return <JobListPage />;
    case 'job':
      return <JobPage key={route.jobId} jobId={route.jobId} />;
    default:
      return <ProcessListPage />;
  }
}

function current(route: Route, section: 'processes' | 'jobs'): 'page' | undefined {
  const inSection =
    section === 'processes'
      ? route.page === 'processes' || route.page === 'process'
      : route.page === 'jobs' || route.page === 'job';
  return inSection ? 'page' : undefined;
}
