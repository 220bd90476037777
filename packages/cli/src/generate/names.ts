/**
 * The TypeScript names of a generated client: the class from the user's NAME, and the methods and
 * types of each process from its id, made unique against each other and against the members of
 * the client class they extend.
 */

/** The names generated for one process. */
export interface ProcessNames {
  /** The method that executes and waits, e.g. `primesBetween`. */
  run: string;
  /** The method that only submits, e.g. `startPrimesBetween`. */
  start: string;
  /** The type of the inputs, e.g. `PrimesBetweenInputs`. */
  inputs: string;
  /** The type of the outputs, e.g. `PrimesBetweenOutputs`. */
  outputs: string;
}

/**
 * Members of `AsyncClient` and of the sync `Client` (and of every object) that a method must not
 * shadow: overriding one with another signature would not compile, or would break the client.
 * The generator adds the members it finds on the `AsyncClient` it runs with.
 */
export const CLIENT_MEMBERS: readonly string[] = [
  'close',
  'closed',
  'config',
  'constructor',
  'dismissJob',
  'executeAndWait',
  'executeProcess',
  'getCapabilities',
  'getConformance',
  'getJob',
  'getJobResults',
  'getJobs',
  'getProcess',
  'getProcesses',
  'hasOwnProperty',
  'isPrototypeOf',
  'perform',
  'propertyIsEnumerable',
  'toJSON',
  'toLocaleString',
  'toString',
  'valueOf',
  'waitForJob',
];

/** Splits an id such as `primes_between`, `sleep-a-while` or `getHTTPData` into its words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter(Boolean);
}

/** `primes_between` → `PrimesBetween`; empty when the text has no letters or digits. */
export function pascalCase(text: string): string {
  return words(text)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `primes_between` → `primesBetween`; a name that would start with a digit gets a `process` prefix. */
function camelCase(text: string): string {
  const pascal = pascalCase(text);
  if (!pascal) return 'process';
  if (/^\d/.test(pascal)) return `process${pascal}`;
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/**
 * The class name for NAME (`demo` → `DemoClient`), or undefined when NAME has no letter to start
 * an identifier with.
 */
export function className(name: string): string | undefined {
  const pascal = pascalCase(name);
  if (!/^[A-Za-z]/.test(pascal)) return undefined;
  return pascal.endsWith('Client') ? pascal : `${pascal}Client`;
}

/**
 * Names for each process id, in the order given (sort the ids first for deterministic names).
 * A method name already taken (by a client member or an earlier process) gets the first free
 * numeric suffix: `get_job` → `getJob2`; `a-b` and `a_b` → `aB`, `aB2`.
 */
export function processNames(
  ids: readonly string[],
  reserved: Iterable<string>,
): Map<string, ProcessNames> {
  const taken = new Set(reserved);
  const names = new Map<string, ProcessNames>();
  for (const id of ids) {
    const base = camelCase(id);
    let run = base;
    for (let suffix = 2; taken.has(run) || taken.has(startName(run)); suffix++) {
      run = `${base}${suffix}`;
    }
    const start = startName(run);
    taken.add(run);
    taken.add(start);
    const type = run.charAt(0).toUpperCase() + run.slice(1);
    names.set(id, { run, start, inputs: `${type}Inputs`, outputs: `${type}Outputs` });
  }
  return names;
}

function startName(run: string): string {
  return `start${run.charAt(0).toUpperCase()}${run.slice(1)}`;
}
