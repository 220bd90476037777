import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AppConfig, AppFiles } from '@s2gos/app';
import { AuthError, type Credentials } from '@s2gos/async/internal';

/**
 * The credentials step of the forwarder: the headers that authenticate one call to the service.
 * It is called for every forwarded call, so a token provider that refreshes can take its place.
 */
export type AuthorizeCall = () => Promise<Record<string, string>>;

/** Options of {@link startAppServer}. */
export interface AppServerOptions {
  /** The service's base URL (credentials are never part of it). */
  serviceUrl: string;
  /** Adds the credentials to each forwarded call; see {@link credentialsHeader}. */
  authorize: AuthorizeCall;
  /** The built app, loaded with {@link forwardedAppConfig}. */
  files: AppFiles;
  /** The port on 127.0.0.1; `0` (the default) picks a free one. */
  port?: number;
  /** How long a forwarded call may take, in milliseconds. Default 120 000. */
  timeout?: number;
}

/** A running app server. */
export interface AppServer {
  /** The URL to open: it carries the session secret, once; the app then lives at {@link origin}. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/**
 * The credentials step for any auth type: the header the configured credentials give now (an
 * OAuth2 token refreshed as needed), so that no secret ever reaches the browser.
 */
export function credentialsHeader(credentials: Credentials): AuthorizeCall {
  return async () => {
    const header = await credentials.header();
    return header ? { [header[0]]: header[1] } : {};
  };
}

const API_PREFIX = '/api/';

/** What the app served by {@link startAppServer} is told: its API is the forwarder's `/api/`. */
export function forwardedAppConfig(serviceUrl: string): AppConfig {
  const shown = new URL(serviceUrl);
  shown.username = '';
  shown.password = '';
  return { serverUrl: `.${API_PREFIX}`, forwarded: true, service: shown.href };
}
const SESSION_PARAMETER = 'session';
// Bounds what a page can make the forwarder hold in memory; execute requests are small.
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
// What the app sends and the service needs; cookies and everything else stay here.
const REQUEST_HEADERS = ['accept', 'content-type', 'prefer', 'accept-language'];
const RESPONSE_HEADERS = [
  'content-type',
  'location',
  'content-location',
  'preference-applied',
  'retry-after',
  'cache-control',
  'link',
];
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
// The form validator (ajv) compiles each process's schema to a function: hence 'unsafe-eval'.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; img-src * data: blob:; style-src 'self' 'unsafe-inline'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the app on 127.0.0.1 and forwards its API calls (`/api/...`) to the service, adding the
 * credentials here, so that they never reach the browser and the service needs no CORS.
 *
 * Other web pages and other local users are kept out: only loopback is listened on; every
 * request must carry the session secret, which only the printed URL holds and which is then
 * exchanged for an `HttpOnly`, `SameSite=Strict` cookie; a `Host` other than this server's
 * (DNS rebinding) and a cross-site `Origin` are refused.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const service = new URL(options.serviceUrl);
  service.pathname = service.pathname.endsWith('/') ? service.pathname : `${service.pathname}/`;
  service.search = '';
  service.hash = '';
  const secret = randomBytes(32).toString('base64url');
  const expected = digest(secret);
  const timeout = options.timeout ?? 120_000;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // Cookies are per host, not per port: each session has its own name.
  const cookieName = `s2gos-app-${port}`;

  const isSession = (value: string | undefined) =>
    value !== undefined && timingSafeEqual(digest(value), expected);

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    if (!hosts.has(request.headers.host ?? '')) {
      // A page on another name resolving to 127.0.0.1 (DNS rebinding) would be same-origin with
      // itself, not with us: its Host header gives it away.
      return refuse(response, 403, `Host '${request.headers.host ?? ''}' is not this server.`);
    }
    const given = url.searchParams.get(SESSION_PARAMETER);
    if (given !== null) {
      if (!isSession(given)) return refuse(response, 403, 'This session link is not valid.');
      // The secret leaves the address bar and the history at once.
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'set-cookie': `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!isSession(readCookie(request.headers.cookie, cookieName))) {
      return refuse(
        response,
        403,
        "Open the link that 's2gos app' printed: it carries this session's secret.",
      );
    }
    const site = request.headers['sec-fetch-site'];
    const from = request.headers.origin;
    if ((site !== undefined && site === 'cross-site') || (from !== undefined && from !== origin)) {
      return refuse(response, 403, 'Requests from other sites are refused.');
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      void forward(request, response, url, { service, authorize: options.authorize, timeout });
      return;
    }
    const file =
      request.method === 'GET' || request.method === 'HEAD'
        ? options.files.get(url.pathname)
        : undefined;
    if (!file) return refuse(response, 404, `Nothing at ${url.pathname}.`);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'cache-control': file.cacheControl,
      ...(file.contentType.startsWith('text/html')
        ? { 'content-security-policy': CONTENT_SECURITY_POLICY }
        : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?${SESSION_PARAMETER}=${secret}`,
    origin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

interface ForwardContext {
  service: URL;
  authorize: AuthorizeCall;
  timeout: number;
}

async function forward(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  { service, authorize, timeout }: ForwardContext,
): Promise<void> {
  // The URL parser resolves `..` (also as %2E%2E): a path that leaves the service's base path
  // is refused rather than sent somewhere the credentials were not meant for.
  const target = new URL(service.href + url.pathname.slice(API_PREFIX.length) + url.search);
  if (target.origin !== service.origin || !target.pathname.startsWith(service.pathname)) {
    return problem(response, 400, 'Bad Request', 'The path leaves the service.');
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  response.once('close', () => controller.abort());
  try {
    const body = await readBody(request);
    const headers: Record<string, string> = {};
    for (const name of REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    Object.assign(headers, await authorize());
    const upstream = await fetch(target, {
      method: request.method ?? 'GET',
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
      redirect: 'manual',
      signal: controller.signal,
    });
    const out: Record<string, string> = { ...SECURITY_HEADERS };
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) out[name] = name.endsWith('location') ? local(value, service) : value;
    }
    response.writeHead(upstream.status, out);
    if (upstream.body) {
      Readable.fromWeb(upstream.body as WebReadableStream).pipe(response);
    } else {
      response.end();
    }
  } catch (error) {
    if (error instanceof RequestTooLargeError) {
      return problem(response, 413, 'Payload Too Large', error.message);
    }
    if (response.headersSent || response.destroyed) return;
    if (error instanceof AuthError) {
      // Signing in to the service failed: the app shows this like any answer of the service.
      return problem(response, 401, 'Authentication failed', error.message);
    }
    const timedOut = controller.signal.aborted;
    problem(
      response,
      timedOut ? 504 : 502,
      timedOut ? 'Gateway Timeout' : 'Bad Gateway',
      timedOut
        ? `The service at ${service.href} did not answer within ${timeout / 1000} s.`
        : `The service at ${service.href} could not be reached: ${describe(error)}.`,
    );
  } finally {
    clearTimeout(timer);
  }
}

// A Location inside the service is rewritten to go through this forwarder as well.
function local(location: string, service: URL): string {
  let absolute: URL;
  try {
    absolute = new URL(location, service);
  } catch {
    return location;
  }
  if (absolute.origin !== service.origin || !absolute.pathname.startsWith(service.pathname)) {
    return location;
  }
  return `${API_PREFIX}${absolute.pathname.slice(service.pathname.length)}${absolute.search}`;
}

class RequestTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) {
      throw new RequestTooLargeError(`A request body may hold at most ${MAX_REQUEST_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  send(
    response,
    status,
    'application/problem+json',
    JSON.stringify({ type: 'about:blank', title, status, detail }),
    'no-store',
  );
}

function refuse(response: ServerResponse, status: number, message: string): void {
  send(response, status, 'text/plain; charset=utf-8', `${message}\n`, 'no-store');
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  cacheControl: string,
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'cache-control': cacheControl,
  });
  response.end(body);
}
