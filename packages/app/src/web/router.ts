import { useSyncExternalStore } from 'react';

/** The pages of the app, addressed by the URL's hash so that any static host can serve it. */
export type Route =
  | { page: 'processes' }
  | { page: 'process'; processId: string }
  | { page: 'jobs' }
  | { page: 'job'; jobId: string }
  | { page: 'connect' };

/** The hash link of a route, e.g. `#/processes/primes_between`. */
export function href(route: Route): string {
  switch (route.page) {
    case 'processes':
      return '#/';
    case 'process':
      return `#/processes/${encodeURIComponent(route.processId)}`;
    case 'jobs':
      return '#/jobs';
    case 'job':
      return `#/jobs/${encodeURIComponent(route.jobId)}`;
    case 'connect':
      return '#/connect';
  }
}

/** Goes to `route` (a new history entry). */
export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/** The route of a hash; anything unknown is the process list. */
export function parseRoute(hash: string): Route {
  const [, section, id] = hash.replace(/^#\/?/, '/').split('/');
  const decoded = id ? safeDecode(id) : undefined;
  if (section === 'processes' && decoded) return { page: 'process', processId: decoded };
  if (section === 'jobs') return decoded ? { page: 'job', jobId: decoded } : { page: 'jobs' };
  if (section === 'connect') return { page: 'connect' };
  return { page: 'processes' };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
