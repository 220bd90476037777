import type { ProcessDescription, ProcessRequest } from '@s2gos/async';
import { useState } from 'react';
import { useSession } from './client-context.js';
import { ErrorView } from './ErrorView.js';
import { type Inputs, InputsForm } from './form/InputsForm.js';
import { RequestTools } from './RequestTools.js';
import type { RequestDocument } from './request-file.js';
import { href, navigate } from './router.js';
import { useLoad } from './use-load.js';

/** A process: its description and the form to run it. */
export function ProcessPage({ processId }: { processId: string }) {
  const { client, connection } = useSession();
  const [description] = useLoad(
    (signal) => client.getProcess(processId, { signal }),
    [client, processId],
  );
  if (description.state === 'loading') {
    return <p className="loading">Loading the process {processId}…</p>;
  }
  if (description.state === 'failed') {
    return (
      <section>
        <h1>{processId}</h1>
        <ErrorView
          error={description.error}
          context={`Loading the process '${processId}' failed`}
          canConnect={!connection.forwarded}
        />
        <p>
          <a href={href({ page: 'processes' })}>Back to the processes</a>
        </p>
      </section>
    );
  }
  return <ProcessView description={description.value} />;
}

function ProcessView({ description }: { description: ProcessDescription }) {
  const { client } = useSession();
  const [inputs, setInputs] = useState<Inputs | undefined>();
  // Members of an imported request besides the inputs (outputs, response, subscriber) are kept.
  const [rest, setRest] = useState<Omit<ProcessRequest, 'inputs'>>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const execute = async (values: Inputs) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      const job = await client.executeProcess(description.id, {
        ...rest,
        inputs: values as ProcessRequest['inputs'],
      });
      navigate({ page: 'job', jobId: job.jobID });
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
    }
  };
  const load = (document: RequestDocument) => {
    const { process_id: _id, dotpath: _dotpath, inputs: imported, ...others } = document;
    setInputs((imported ?? {}) as Inputs);
    setRest(others);
  };

  return (
    <section className="process">
      <p className="breadcrumb">
        <a href={href({ page: 'processes' })}>Processes</a> /
      </p>
      <h1>{description.title ?? description.id}</h1>
      <p className="id">
        <code>{description.id}</code>
        {description.version ? ` · version ${description.version}` : ''}
      </p>
      {description.description && <p>{description.description}</p>}
      {description.keywords && description.keywords.length > 0 && (
        <ul className="keywords" aria-label="Keywords">
          {description.keywords.map((keyword) => (
            <li key={keyword}>{keyword}</li>
          ))}
        </ul>
      )}
      <div className="process-layout">
        <div className="process-form">
          <h2>Inputs</h2>
          <InputsForm
            description={description}
            inputs={inputs}
            onChange={setInputs}
            onSubmit={(values) => void execute(values)}
          >
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={submitting}>
                {submitting ? 'Submitting…' : 'Execute'}
              </button>
            </div>
          </InputsForm>
          {failure !== undefined && (
            <ErrorView error={failure} context={`Executing '${description.id}' failed`} />
          )}
        </div>
        <aside className="process-side">
          <RequestTools
            processId={description.id}
            request={{ ...rest, inputs: (inputs ?? {}) as ProcessRequest['inputs'] }}
            onImport={load}
          />
          {description.outputs && Object.keys(description.outputs).length > 0 && (
            <>
              <h2>Outputs</h2>
              <dl className="outputs">
                {Object.entries(description.outputs).map(([name, output]) => (
                  <div key={name}>
                    <dt>{output.title ?? name}</dt>
                    <dd>
                      <code>{name}</code>
                      {output.description ? ` — ${output.description}` : ''}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </aside>
      </div>
    </section>
  );
}
