import { inputsJsonSchema, outputsJsonSchema, type ProcessDescription } from '@s2gos/models';
import type { Ajv } from 'ajv';
import type { ProcessDefinition } from '../process.js';
import { compileValidator, type Validator } from '../validation.js';

/** A process ready to run: its served description and its compiled validators. */
export interface RegisteredProcess {
  readonly id: string;
  /** The description with this server's defaults filled in; `links` are added per request. */
  readonly description: ProcessDescription;
  readonly definition: ProcessDefinition;
  /** Validates the `inputs` of an execute request in place (defaults are filled in). */
  readonly validateInputs: Validator;
  /** Validates what `run` returned. */
  readonly validateOutputs: Validator;
}

const DEFAULT_JOB_CONTROL: ProcessDescription['jobControlOptions'] = ['async-execute', 'dismiss'];
const DEFAULT_TRANSMISSION: ProcessDescription['outputTransmission'] = ['value'];

/** The processes of one app, by ID, in the order they were given. */
export class ProcessRegistry {
  readonly #processes = new Map<string, RegisteredProcess>();

  /**
   * @throws TypeError on a duplicate process ID or an input/output schema ajv cannot compile
   */
  constructor(definitions: readonly ProcessDefinition[], ajv: Ajv) {
    for (const definition of definitions) {
      const id = definition.description.id;
      if (this.#processes.has(id)) throw new TypeError(`Duplicate process ID '${id}'.`);
      this.#processes.set(id, register(definition, ajv));
    }
  }

  get(id: string): RegisteredProcess | undefined {
    return this.#processes.get(id);
  }

  list(): RegisteredProcess[] {
    return [...this.#processes.values()];
  }
}

function register(definition: ProcessDefinition, ajv: Ajv): RegisteredProcess {
  const { links: _links, ...given } = definition.description;
  const description: ProcessDescription = {
    ...given,
    jobControlOptions: given.jobControlOptions ?? DEFAULT_JOB_CONTROL,
    outputTransmission: given.outputTransmission ?? DEFAULT_TRANSMISSION,
  };
  const id = description.id;
  try {
    return {
      id,
      description,
      definition,
      // One value is accepted for an input that may occur several times, as the standard allows.
      validateInputs: compileValidator(
        ajv,
        inputsJsonSchema(description, { singleValue: true }),
        'inputs',
      ),
      validateOutputs: compileValidator(ajv, outputsJsonSchema(description), 'outputs'),
    };
  } catch (error) {
    throw new TypeError(
      `Process '${id}' has a schema that cannot be compiled: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Whether a process may run synchronously (`Prefer: respond-sync`). */
export function allowsSync(process: RegisteredProcess): boolean {
  return process.description.jobControlOptions?.includes('sync-execute') ?? false;
}

/** Whether a process may run asynchronously; a process offering neither mode runs async. */
export function allowsAsync(process: RegisteredProcess): boolean {
  const options = process.description.jobControlOptions ?? [];
  return options.includes('async-execute') || !options.includes('sync-execute');
}
