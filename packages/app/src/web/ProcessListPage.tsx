import type { ProcessSummary } from '@s2gos/async';
import { useId, useState } from 'react';
import { useSession } from './client-context.js';
import { ErrorView } from './ErrorView.js';
import { href } from './router.js';
import { useLoad } from './use-load.js';

/** The processes of the service, searchable by id, title, description and keywords. */
export function ProcessListPage() {
  const { client, connection } = useSession();
  const [processes] = useLoad((signal) => client.getProcesses({ signal }), [client]);
  const [query, setQuery] = useState('');
  const searchId = useId();

  return (
    <section>
      <h1>Processes</h1>
      <div className="search">
        <label htmlFor={searchId}>Search processes</label>
        <input
          id={searchId}
          type="search"
          className="form-control"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="id, title, description or keyword"
        />
      </div>
      {processes.state === 'loading' && <p className="loading">Loading the processes…</p>}
      {processes.state === 'failed' && (
        <ErrorView
          error={processes.error}
          context="Loading the processes failed"
          canConnect={!connection.forwarded}
        />
      )}
      {processes.state === 'done' && (
        <ProcessCards processes={processes.value.processes} query={query} />
      )}
    </section>
  );
}

function ProcessCards({ processes, query }: { processes: ProcessSummary[]; query: string }) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = processes.filter((process) => {
    const text = [process.id, process.title, process.description, ...(process.keywords ?? [])]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return (
    <>
      <p className="count" aria-live="polite">
        {shown.length === processes.length
          ? `${processes.length} processes`
          : `${shown.length} of ${processes.length} processes`}
      </p>
      <ul className="cards" aria-label="Processes">
        {shown.map((process) => (
          <li key={process.id} className="card">
            <h2>
              <a href={href({ page: 'process', processId: process.id })}>
                {process.title ?? process.id}
              </a>
            </h2>
            <p className="id">
              <code>{process.id}</code>
              {process.version ? ` · version ${process.version}` : ''}
            </p>
            {process.description && <p>{process.description}</p>}
            {process.keywords && process.keywords.length > 0 && (
              <ul className="keywords" aria-label="Keywords">
                {process.keywords.map((keyword) => (
                  <li key={keyword}>{keyword}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
