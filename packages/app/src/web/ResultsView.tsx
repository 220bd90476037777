import type { JobResults } from '@s2gos/async';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Link = { href: string; type?: string; title?: string; rel?: string };

/**
 * The results of a job: each output as a readable value — lists of records as tables, objects as
 * trees, links as downloadable links with their media type, images inline — and the whole
 * document as JSON to download.
 */
export function ResultsView({ results, jobId }: { results: JobResults; jobId: string }) {
  const json = JSON.stringify(results, null, 2);
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(json)}`;
  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      {Object.entries(results as Record<string, Json>).map(([name, value]) => (
        <section key={name} className="output" aria-label={`Output ${name}`}>
          <h3>
            <code>{name}</code>
          </h3>
          <Value value={value} />
        </section>
      ))}
      <p>
        <a href={download} download={`${jobId}-results.json`}>
          Download the results (JSON)
        </a>
      </p>
      <details>
        <summary>Results as JSON</summary>
        <pre className="json-preview">{json}</pre>
      </details>
    </section>
  );
}

function Value({ value }: { value: Json }) {
  if (isLink(value)) return <LinkView link={value} />;
  if (isQualified(value)) return <QualifiedView value={value} />;
  if (Array.isArray(value)) return <ListView items={value} />;
  if (value !== null && typeof value === 'object') {
    return (
      <dl className="tree">
        {Object.entries(value).map(([key, item]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              <Value value={item} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <span className={`scalar scalar-${value === null ? 'null' : typeof value}`}>
      {String(value)}
    </span>
  );
}

function ListView({ items }: { items: Json[] }) {
  if (items.length === 0) return <span className="scalar">(empty list)</span>;
  if (items.every((item) => item === null || typeof item !== 'object')) {
    return (
      <ol className="values" aria-label={`${items.length} values`}>
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the values are shown in order and never move
          <li key={index}>{String(item)}</li>
        ))}
      </ol>
    );
  }
  const records = items.every(isRecord) && !items.some(isLink) ? items : undefined;
  if (records) {
    const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
    return (
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((record, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are shown in order and never move
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column}>
                    {record[column] === undefined ? '' : <Value value={record[column]} />}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <ol className="items">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the items are shown in order and never move
        <li key={index}>
          <Value value={item} />
        </li>
      ))}
    </ol>
  );
}

function LinkView({ link }: { link: Link }) {
  // Only web links become links: a `javascript:` or `file:` href from a server stays text.
  if (!/^https?:/i.test(link.href)) {
    return <span className="scalar">{link.title ? `${link.title}: ${link.href}` : link.href}</span>;
  }
  const image = link.type?.startsWith('image/') || /\.(png|jpe?g|gif|webp|svg)$/i.test(link.href);
  return (
    <div className="link">
      <a href={link.href} download target="_blank" rel="noreferrer noopener">
        {link.title ?? link.href}
      </a>
      {link.type && <span className="media-type">{link.type}</span>}
      {image && <img src={link.href} alt={link.title ?? 'Result image'} loading="lazy" />}
    </div>
  );
}

function QualifiedView({ value }: { value: { value: Json; mediaType?: string } }) {
  const { mediaType } = value;
  if (mediaType?.startsWith('image/') && typeof value.value === 'string') {
    return <img src={`data:${mediaType};base64,${value.value}`} alt={`Result (${mediaType})`} />;
  }
  return (
    <div>
      <Value value={value.value} />
      {mediaType && <span className="media-type">{mediaType}</span>}
    </div>
  );
}

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLink(value: Json): value is Link {
  return isRecord(value) && typeof value.href === 'string';
}

function isQualified(value: Json): value is { value: Json; mediaType?: string } {
  return (
    isRecord(value) &&
    'value' in value &&
    Object.keys(value).every((key) => ['value', 'mediaType', 'encoding', 'schema'].includes(key))
  );
}
