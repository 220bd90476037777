import { type ProcessRequest, ProcessRequestSchema, safeParseModel } from '@s2gos/models';

/**
 * A request file as `s2gos create-request` writes it and `s2gos execute-process -r` reads it: a
 * process request plus the optional `process_id` (and `dotpath`) members.
 */
export type RequestDocument = ProcessRequest & { process_id?: string; dotpath?: boolean };

/** The formats a request can be exported to. */
export type RequestFormat = 'json' | 'yaml';

/** The request document for `processId` with `request`, process id first as the CLI writes it. */
export function requestDocument(processId: string, request: ProcessRequest): RequestDocument {
  return { process_id: processId, ...request };
}

/** The document as the text of a request file. */
export async function formatRequest(
  document: RequestDocument,
  format: RequestFormat,
): Promise<string> {
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  // YAML is needed only here and on import: loaded then, not with the app.
  const { stringify } = await import('yaml');
  return stringify(document);
}

/**
 * Reads a request file: JSON when the name ends with `.json` or the text starts with `{`, YAML
 * otherwise; checked against the process request model.
 *
 * @throws Error with a message naming the file and what is wrong
 */
export async function parseRequestFile(name: string, text: string): Promise<RequestDocument> {
  const json = name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{');
  let document: unknown;
  try {
    document = json ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (error) {
    const [summary] = (error as Error).message.split('\n');
    throw new Error(`'${name}' is not valid ${json ? 'JSON' : 'YAML'}: ${summary}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error(`'${name}' must hold a mapping with the request's inputs`);
  }
  const { process_id, dotpath, ...request } = document as Record<string, unknown>;
  if (process_id !== undefined && typeof process_id !== 'string') {
    throw new Error(`'${name}': process_id must be a string`);
  }
  if (dotpath === true) {
    throw new Error(
      `'${name}' uses dotted input names (dotpath: true), which the app does not read: ` +
        "write it with 's2gos create-request' without --dotpath",
    );
  }
  const checked = safeParseModel(ProcessRequestSchema, request);
  if (!checked.success) {
    const problems = checked.issues
      .slice(0, 3)
      .map((issue) => `${issue.path || '(request)'}: ${issue.message}`);
    throw new Error(`'${name}' is not a process request: ${problems.join('; ')}`);
  }
  return { ...(process_id ? { process_id } : {}), ...checked.output };
}
