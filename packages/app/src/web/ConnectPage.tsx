import { type FormEvent, useId, useState } from 'react';
import type { Connection } from './connection.js';

/**
 * Asks for the server URL and an optional token or API key (hosted app). The token is kept in
 * this tab's `sessionStorage` only and sent only to that server.
 */
export function ConnectPage({
  suggestedUrl,
  onConnect,
}: {
  suggestedUrl: string | undefined;
  onConnect: (connection: Connection) => void;
}) {
  const [problem, setProblem] = useState<string | undefined>();
  const urlId = useId();
  const tokenId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const url = String(data.get('serverUrl') ?? '').trim();
    const token = String(data.get('accessToken') ?? '').trim();
    let serverUrl: string;
    try {
      serverUrl = new URL(url).href;
    } catch {
      setProblem(`'${url}' is not a URL: enter it with http:// or https://`);
      return;
    }
    if (!/^https?:$/.test(new URL(serverUrl).protocol)) {
      setProblem('The server URL must start with http:// or https://');
      return;
    }
    onConnect({
      serverUrl,
      ...(token ? { accessToken: token } : {}),
      forwarded: false,
      service: serverUrl,
    });
  };
  return (
    <section className="connect">
      <h1>Connect to a processing service</h1>
      <p>
        The service must allow requests from this page (CORS). The token stays in this browser tab
        and is sent to that server only.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="form-group">
          <label htmlFor={urlId}>Server URL</label>
          <input
            id={urlId}
            name="serverUrl"
            type="url"
            className="form-control"
            required
            defaultValue={suggestedUrl ?? ''}
            placeholder="https://example.org/api/"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${urlId}-problem` : undefined}
          />
          {problem && (
            <p id={`${urlId}-problem`} className="field-error" role="alert">
              {problem}
            </p>
          )}
        </div>
        <div className="form-group">
          <label htmlFor={tokenId}>Access token or API key (optional)</label>
          <input
            id={tokenId}
            name="accessToken"
            type="password"
            className="form-control"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="btn btn-primary">
          Connect
        </button>
      </form>
    </section>
  );
}
