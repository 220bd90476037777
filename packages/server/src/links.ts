import type { Link } from '@s2gos/models';

const OGC_REL = 'http://www.opengis.net/def/rel/ogc/1.0';

/** Link relation types used by this server (IANA names and OGC rel URIs). */
export const Rel = {
  self: 'self',
  next: 'next',
  prev: 'prev',
  serviceDesc: 'service-desc',
  conformance: `${OGC_REL}/conformance`,
  processes: `${OGC_REL}/processes`,
  jobList: `${OGC_REL}/job-list`,
  execute: `${OGC_REL}/execute`,
  results: `${OGC_REL}/results`,
} as const;

/** Media types of the documents this server links to. */
export const MediaType = {
  json: 'application/json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const;

/**
 * The one place that builds this server's URLs.
 *
 * Links are absolute and use the origin the request came in on, so they are right whatever port
 * or host name the client used. Path parameters are percent-encoded.
 */
export class Urls {
  readonly origin: string;
  readonly #requestUrl: string;

  constructor(requestUrl: string) {
    this.origin = new URL(requestUrl).origin;
    this.#requestUrl = requestUrl;
  }

  /** An absolute URL for a path of this server, with optional query parameters. */
  to(path: string, query?: URLSearchParams): string {
    const search = query?.toString();
    return `${this.origin}${path}${search ? `?${search}` : ''}`;
  }

  landingPage(): string {
    return this.to('/');
  }

  openapi(): string {
    return this.to('/openapi.json');
  }

  conformance(): string {
    return this.to('/conformance');
  }

  processes(query?: URLSearchParams): string {
    return this.to('/processes', query);
  }

  process(processId: string): string {
    return this.#member('processes', processId);
  }

  execution(processId: string): string {
    return this.#member('processes', processId, 'execution');
  }

  jobs(query?: URLSearchParams): string {
    return this.to('/jobs', query);
  }

  job(jobId: string): string {
    return this.#member('jobs', jobId);
  }

  jobResults(jobId: string): string {
    return this.#member('jobs', jobId, 'results');
  }

  /**
   * The URL a new job's files are served under (`…/jobs/{jobID}/files/`), for the request that
   * executes a process (`…/processes/{processID}/execution`): resolved against that request's
   * URL, so it keeps a base path the app is mounted under.
   */
  jobFilesOfExecution(jobId: string): string {
    const url = new URL(this.#requestUrl);
    url.pathname = url.pathname.replace(/\/+$/, '');
    url.search = '';
    return new URL(`../../jobs/${encodeURIComponent(jobId)}/files/`, url).href;
  }

  // The ID is percent-encoded, so that it can never add path segments or a query.
  #member(collection: string, id: string, sub?: string): string {
    return this.to(`/${collection}/${encodeURIComponent(id)}${sub === undefined ? '' : `/${sub}`}`);
  }
}

/** A JSON link; every link this server sends has `rel`, `type` and usually a `title`. */
export function link(
  href: string,
  rel: string,
  title?: string,
  type: string = MediaType.json,
): Link {
  return title === undefined ? { href, rel, type } : { href, rel, type, title };
}
