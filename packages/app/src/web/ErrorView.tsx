import { ClientError, TransportError } from '@s2gos/async';
import { href } from './router.js';

/**
 * A failure as a readable message: for a `ClientError` its title, status, detail and the other
 * fields of the problem document, with the traceback in a collapsible panel; never a raw stack.
 */
export function ErrorView({
  error,
  context,
  canConnect = false,
}: {
  error: unknown;
  /** What was being done, e.g. "Loading the processes failed". */
  context: string;
  /** Whether to offer the connect page (hosted app: wrong server or missing token). */
  canConnect?: boolean;
}) {
  if (!(error instanceof ClientError)) {
    return (
      <div className="error" role="alert">
        <p className="error-title">{context}</p>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const { apiError } = error;
  const unreachable = error instanceof TransportError;
  const unauthorized = error.status === 401 || error.status === 403;
  return (
    <div className="error" role="alert">
      <p className="error-title">
        {context}: {apiError.title ?? 'Error'}
        {error.status ? ` (${error.status})` : ''}
      </p>
      <p>{apiError.detail ?? error.message}</p>
      {unreachable && <p>The server could not be reached. Is it running, and is the URL right?</p>}
      {unauthorized && (
        <p>The server refused the credentials: check the access token or API key.</p>
      )}
      {canConnect && (unreachable || unauthorized) && (
        <p>
          <a href={href({ page: 'connect' })}>Change the server or the token</a>
        </p>
      )}
      <dl className="error-details">
        <dt>Type</dt>
        <dd>{apiError.type}</dd>
        {error.operation && (
          <>
            <dt>Operation</dt>
            <dd>
              {error.operation}
              {error.method && error.url ? ` (${error.method} ${error.url})` : ''}
            </dd>
          </>
        )}
        {apiError.instance && (
          <>
            <dt>Instance</dt>
            <dd>{apiError.instance}</dd>
          </>
        )}
      </dl>
      <Traceback lines={apiError.traceback} />
    </div>
  );
}

/** A server traceback in a collapsible panel (closed at first). */
export function Traceback({ lines }: { lines: readonly string[] | undefined }) {
  if (!lines || lines.length === 0) return null;
  return (
    <details className="traceback">
      <summary>Traceback</summary>
      <pre>{lines.join('\n')}</pre>
    </details>
  );
}
