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

/** What a running process gets besides its inputs. */
export interface ProcessContext {
  /** The ID of the job running the process. */
  readonly jobId: string;
  /**
   * Aborted when the job is dismissed (`DELETE /jobs/{jobID}`) or the server closes. A process
   * must stop its work when this fires, e.g. by passing it to `setTimeout` of
   * `node:timers/promises` or to `fetch`, or by checking `signal.aborted` in its loops.
   */
  readonly signal: AbortSignal;
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
 * A process this server offers: its OGC process description and the function that runs it.
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
   * Runs the process. It receives the inputs validated against the input descriptions, with
   * schema defaults filled in, and returns an object with one member per output ID. A thrown
   * error makes the job `failed` with the error's message.
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
 * export const greet = defineProcess<{ name: string }, { greeting: string }>({
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
 * @throws TypeError if the description is not a valid process description or `run` is missing
 */
export function defineProcess<
  TInputs extends ProcessInputs = ProcessInputs,
  TOutputs extends ProcessOutputs = ProcessOutputs,
>(definition: ProcessDefinition<TInputs, TOutputs>): ProcessDefinition<TInputs, TOutputs> {
  const id = typeof definition?.description?.id === 'string' ? definition.description.id : '?';
  if (typeof definition?.run !== 'function') {
    throw new TypeError(`Process '${id}' has no run function.`);
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
  return Object.freeze({ description, run: definition.run });
}
