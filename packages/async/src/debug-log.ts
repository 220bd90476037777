/**
 * The HTTP log (`S2GOS_DEBUG=1`, `s2gos -v`): one line per request, response and retry, as ky
 * hooks. Lines carry the method, the URL (user info and secret-looking query parameters masked),
 * the status, the duration and retries; never a header or a body, and the access token is
 * redacted from every line in case a server echoed it into a URL.
 */
import type { Hooks } from 'ky';

/** Where log lines go. */
export type LogWriter = (line: string) => void;

const SECRET_PARAM = /token|key|secret|password|passwd|code|signature|sig|credential|auth/i;

/** The URL as it may be logged: no user info, secret-looking query values masked. */
export function loggableUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '<invalid URL>';
  }
  url.username = '';
  url.password = '';
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '***');
  }
  return url.href;
}

// Start times remembered at most: a request that never gets a response (a network error) leaves
// its entry, so the oldest are forgotten; their response lines then go without a duration.
const MAX_STARTS = 256;

/** ky hooks that write the log through `write`, with `redact` applied to every line. */
export function debugLogHooks(write: LogWriter, redact: (text: string) => string): Hooks {
  // ky hands afterResponse a copy of the request sent, so the start is found by method and URL.
  const started = new Map<string, number>();
  const key = (request: Request) => `${request.method} ${request.url}`;
  const line = (text: string) => write(`[s2gos] ${redact(text)}`);
  return {
    beforeRequest: [
      (request) => {
        started.delete(key(request));
        started.set(key(request), Date.now());
        if (started.size > MAX_STARTS) started.delete(started.keys().next().value as string);
        line(`→ ${request.method} ${loggableUrl(request.url)}`);
      },
    ],
    afterResponse: [
      (request, _options, response) => {
        const since = started.get(key(request));
        started.delete(key(request));
        const duration = since === undefined ? '' : ` in ${Date.now() - since} ms`;
        line(`← ${response.status} ${request.method} ${loggableUrl(request.url)}${duration}`);
      },
    ],
    beforeRetry: [
      ({ request, error, retryCount }) => {
        const reason = error instanceof Error ? error.message : String(error);
        line(
          `↻ retry ${retryCount} of ${request.method} ${loggableUrl(request.url)} after: ${reason}`,
        );
      },
    ],
  };
}

/** The writer for `S2GOS_DEBUG` in `env` (set and not `0`/`false`): stderr; otherwise none. */
export function debugLogFromEnv(env: Record<string, string | undefined>): LogWriter | undefined {
  const value = env.S2GOS_DEBUG;
  if (!value || value === '0' || value.toLowerCase() === 'false') return undefined;
  return (text) => process.stderr.write(`${text}\n`);
}
