import type { ProcessRequest } from '@s2gos/async';
import { type ChangeEvent, useId, useState } from 'react';
import {
  formatRequest,
  parseRequestFile,
  type RequestDocument,
  type RequestFormat,
  requestDocument,
} from './request-file.js';
import { href } from './router.js';

type Notice = { kind: 'ok' | 'error'; text: string; otherProcess?: string };

/**
 * The request as the CLI's request file: shown as JSON, copied, exported to JSON or YAML, and
 * imported from a file (`s2gos create-request` output or an export).
 */
export function RequestTools({
  processId,
  request,
  onImport,
}: {
  processId: string;
  request: ProcessRequest;
  onImport: (document: RequestDocument) => void;
}) {
  const [notice, setNotice] = useState<Notice | undefined>();
  const importId = useId();
  const document = requestDocument(processId, request);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(await formatRequest(document, 'json'));
      setNotice({ kind: 'ok', text: 'The request is copied to the clipboard as JSON.' });
    } catch (error) {
      setNotice({ kind: 'error', text: `Copying failed: ${(error as Error).message}` });
    }
  };
  const exportAs = async (format: RequestFormat) => {
    const text = await formatRequest(document, format);
    const url = URL.createObjectURL(
      new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' }),
    );
    const link = Object.assign(window.document.createElement('a'), {
      href: url,
      download: `${processId}-request.${format === 'json' ? 'json' : 'yaml'}`,
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const imported = await parseRequestFile(file.name, await file.text());
      if (imported.process_id && imported.process_id !== processId) {
        setNotice({
          kind: 'error',
          text: `'${file.name}' is a request for the process '${imported.process_id}', not '${processId}'.`,
          otherProcess: imported.process_id,
        });
        return;
      }
      onImport(imported);
      setNotice({ kind: 'ok', text: `Imported the request from '${file.name}'.` });
    } catch (error) {
      setNotice({ kind: 'error', text: (error as Error).message });
    }
  };

  return (
    <section className="request-tools" aria-label="Request">
      <h2>Request</h2>
      <div className="tool-buttons">
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy JSON
        </button>
        <button type="button" className="btn" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" className="btn" onClick={() => void exportAs('yaml')}>
          Export YAML
        </button>
        <input
          id={importId}
          type="file"
          className="visually-hidden"
          accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
          onChange={(event) => void importFile(event)}
        />
        <label htmlFor={importId} className="btn file-button">
          Import request file…
        </label>
      </div>
      {notice && (
        <p className={notice.kind === 'ok' ? 'notice' : 'field-error'} role="status">
          {notice.text}
          {notice.otherProcess && (
            <>
              {' '}
              <a href={href({ page: 'process', processId: notice.otherProcess })}>
                Open that process
              </a>
            </>
          )}
        </p>
      )}
      <details>
        <summary>Request as JSON</summary>
        <pre className="json-preview">{JSON.stringify(document, null, 2)}</pre>
      </details>
    </section>
  );
}
