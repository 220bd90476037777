import {
  ModelValidationError,
  type ProcessDescription,
  ProcessDescriptionSchema,
  parseModel,
} from '@s2gos/models';

/** The inputs a process receives: validated against its input descriptions, defaults applied. */
export type ProcessInputs = Record<string, unknown>;

/** What a process returns: one value per output ID of its description. */
export type ProcessOutputs = Record<string, unknown>;

/**
 * What a running process gets besides its inputs. The process runs in a worker thread of the
 * server: these members are its only line to the job.
 */
export interface ProcessContext {
  /** The ID of the job running the process. */
  readonly jobId: string;
  /**
   * Aborted when the job is dismissed (`DELETE /jobs/{jobID}`) or the server closes. A process
   * should stop its work when this fires, e.g. by passing it to `setTimeout` of
   * `node:timers/promises` or to `fetch`, or by checking `signal.aborted` in its loops; one
   * that does not is stopped anyway when the server terminates its worker shortly after.
   */
  readonly signal: AbortSignal;
  /**
   * Stores a file as part of the job's results and returns the absolute URL the server serves
   * it at (`…/jobs/{jobID}/files/{name}`, with `Content-Length` and `Range` support): return it
   * as a link output `{ href, type }`. The bytes are copied to the server at once; they count
   * towards the server's bound on stored bytes.
   *
   * @param name - the file name in the URL: 1 to 100 of `A-Z a-z 0-9 . _ -`, not starting with `.`
   * @param data - the content
   * @param mediaType - sent as `Content-Type`, e.g. `'image/png'` (`type/subtype`, optionally
   *   with parameters, in visible ASCII)
   * @throws TypeError for a bad name or media type, or a name already used by this job
   */
  saveFile(name: string, data: Uint8Array, mediaType: string): string;
  /**
   * Reports progress, shown as the job's `progress` and `message`.
   *
   * @param progress - percent done, 0 to 100 (rounded to an integer); `undefined` keeps the last value
   * @param message - a short human-readable status, e.g. `'Step 2 of 3: sieving'`
   * @throws RangeError if `progress` is not a number from 0 to 100
   */
  reportProgress(progress: number | undefined, message?: string): void;
}

/**
 * A process this server offers: its OGC process description, the function that runs it and the
 * module it is defined in.
 *
 * Processes run in worker threads, apart from the server's HTTP handling, and functions cannot
 * be sent to another thread: each worker imports `module` and runs the `run` of the definition
 * with the same process ID found among the module's exports.
 *
 * `run` is declared as a method so that a definition typed with specific inputs
 * (`ProcessDefinition<{ name: string }>`) can be listed with others in a `ProcessDefinition[]`.
 */
export interface ProcessDefinition<
  TInputs extends ProcessInputs = ProcessInputs,
  TOutputs extends ProcessOutputs = ProcessOutputs,
> {
  /**
   * The process description as served by `GET /processes/{id}` (`id`, `version`, `title`,
   * `inputs`, `outputs`, ...). Input and output schemas use the OpenAPI 3.0 Schema dialect of
   * the spec (`nullable`, boolean `exclusiveMinimum`). `jobControlOptions` defaults to
   * `['async-execute', 'dismiss']`, `outputTransmission` to `['value']`; `links` are added by
   * the server.
   */
  readonly description: ProcessDescription;
  /**
   * The URL of the JavaScript module that exports this definition — write
   * `module: import.meta.url`. Server workers import it by this URL, so it must be loadable by
   * plain Node (JavaScript, not TypeScript source) and should have no side effects (it is
   * imported once in every worker thread that runs one of its processes).
   */
  readonly module: string;
  /**
   * Runs the process, in a worker thread. It receives the inputs validated against the input
   * descriptions, with schema defaults filled in (a copy, parsed from JSON), and returns an
   * object with one member per output ID, serialised as JSON when it returns (a value JSON
   * cannot hold, such as a `BigInt` or a cycle, fails the job). A thrown error makes the job
   * `failed` with the error's message; so does a crash of the worker (an uncaught exception,
   * an unhandled rejection, running out of memory).
   */
  run(inputs: TInputs, context: ProcessContext): Promise<TOutputs> | TOutputs;
}

/**
 * Defines a process, checking its description against the `ProcessDescription` model at once,
 * so that a mistake shows up where the process is written and not at its first request.
 *
 * @example
 * ```ts
 * import { setTimeout as sleep } from 'node:timers/promises';
 * import { defineProcess } from '@s2gos/server';
 *
 * // greet.js: a module of its own, which the server's workers import
 * export const greet = defineProcess<{ name: string }, { greeting: string }>({
 *   module: import.meta.url,
 *   description: {
 *     id: 'greet',
 *     version: '1.0.0',
 *     title: 'Greeter',
 *     inputs: { name: { title: 'Name', schema: { type: 'string', minLength: 1 } } },
 *     outputs: { greeting: { title: 'Greeting', schema: { type: 'string' } } },
 *   },
 *   async run({ name }, { reportProgress, signal }) {
 *     await sleep(100, undefined, { signal });
 *     reportProgress(50, 'thinking');
 *     return { greeting: `Hello ${name}!` };
 *   },
 * });
 * ```
 * @throws TypeError if the description is not a valid process description, or `run` or
 *   `module` is missing
 */
export function defineProcess<
  TInputs extends ProcessInputs = ProcessInputs,
  TOutputs extends ProcessOutputs = ProcessOutputs,
>(definition: ProcessDefinition<TInputs, TOutputs>): ProcessDefinition<TInputs, TOutputs> {
  const id = typeof definition?.description?.id === 'string' ? definition.description.id : '?';
  if (typeof definition?.run !== 'function') {
    throw new TypeError(`Process '${id}' has no run function.`);
  }
  if (typeof definition.module !== 'string' || !URL.canParse(definition.module)) {
    throw new TypeError(
      `Process '${id}' has no module URL: add 'module: import.meta.url' to its definition.`,
    );
  }
  let description: ProcessDescription;
  try {
    description = parseModel(ProcessDescriptionSchema, definition.description);
  } catch (error) {
    if (!(error instanceof ModelValidationError)) throw error;
    throw new TypeError(`Invalid description of process '${id}': ${error.message}`, {
      cause: error,
    });
  }
  return Object.freeze({ description, module: definition.module, run: definition.run });
}
