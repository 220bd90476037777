/**
 * Checks on what a call sends and where it goes, made before any request: the request body must
 * be a request the operation accepts and serialisable JSON, and a `Location` answer is followed
 * only on the server's own origin.
 */
import { clientError } from './errors.js';
import type { OperationSpec } from './operations.js';
import type { ExchangeContext } from './responses.js';
import { urlExcerpt } from './responses.js';

/**
 * The JSON text of a request body, or `undefined` for none.
 *
 * @throws TypeError naming the problem: members the operation does not accept (with the nearest
 *   known name), or a value JSON cannot hold (a BigInt, a cycle, nesting deeper than the stack)
 */
export function serialiseBody(spec: OperationSpec, value: unknown): string | undefined {
  const issues = spec.checkBody?.(value) ?? [];
  if (issues.length > 0) {
    throw new TypeError(`the request can't be sent: ${issues.map((i) => i.message).join('; ')}`);
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`the request body can't be sent as JSON: ${reason}`);
  }
}

/**
 * The absolute URL of a `Location` answer (resolved against the response URL), when it is on the
 * server's origin. A `Location` on another origin is refused rather than followed without
 * credentials: what another origin says about a job is not that job, and the server meant to be
 * asked is the configured one.
 *
 * @throws ClientError `invalidResponse` for a `Location` that is not a URL or leaves the origin
 */
export function followableLocation(
  location: string,
  responseUrl: string,
  baseUrl: URL,
  context: ExchangeContext,
): string {
  let url: URL | undefined;
  try {
    url = new URL(location, responseUrl);
  } catch {
    url = undefined;
  }
  if (url !== undefined && url.origin === baseUrl.origin) return url.href;
  const where = url === undefined ? 'is not a URL' : `is on another origin (${url.origin})`;
  const detail = `the Location of the created job ${where}; it is not followed, so that no credential or header leaves ${baseUrl.origin}`;
  return failLocation(detail, context);
}

function failLocation(detail: string, context: ExchangeContext): never {
  const url = urlExcerpt(context.url);
  throw clientError(
    'invalidResponse',
    `${context.operation}: invalid response from ${context.method} ${url}: ${detail}`,
    { operation: context.operation, method: context.method, url, detail },
  );
}
