import { ProcessRequestSchema, safeParseModel } from '@s2gos/models';
import { formatIssues, invalidParameterValue, type ProblemIssue } from './errors.js';
import type { ProcessInputs } from './process.js';
import type { RegisteredProcess } from './processes/registry.js';

/**
 * The deepest nesting of arrays and objects accepted in a request body. `JSON.parse` reads far
 * deeper documents than `JSON.stringify` can write back (it runs out of stack at a few thousand
 * levels), so without a bound an echoed input would fail when its results are sent.
 */
export const MAX_BODY_DEPTH = 128;

/** The most problems of an execute request listed in its 400; one more issue says how many more. */
export const MAX_LISTED_ISSUES = 100;

/** An execute request after validation. */
export interface ExecuteRequest {
  /** The inputs, valid against the process's input descriptions, defaults filled in. */
  readonly inputs: ProcessInputs;
  /** The outputs the request asked for; `undefined` for all. */
  readonly outputIds: readonly string[] | undefined;
}

/**
 * Parses and validates the body of `POST /processes/{processID}/execution`: JSON, a process
 * request (checked with the models' `ProcessRequestSchema`), inputs valid against the input
 * descriptions (required inputs, types, bounds, enums, no unknown inputs) and outputs the
 * process has, by value.
 *
 * @throws HttpProblem 400 (invalid-parameter-value) listing every problem with its path
 */
export function parseExecuteRequest(text: string, process: RegisteredProcess): ExecuteRequest {
  const body = parseJson(text);
  if (depthExceeds(body, MAX_BODY_DEPTH)) {
    throw invalidParameterValue(
      `The request body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep.`,
    );
  }
  if (!isPlainObject(body)) {
    throw invalid(process, [
      { path: '', message: `must be a JSON object (a process request), got ${kindOf(body)}` },
    ]);
  }
  const issues: ProblemIssue[] = [];
  // The models' schema checks the request's members; the input values are left to the
  // process's own input schemas below. Walking every value with both costs the models' check
  // far more CPU than the JSON parse on large inputs, on the thread that serves all requests.
  const envelope = isPlainObject(body.inputs) ? { ...body, inputs: {} } : body;
  const parsed = safeParseModel(ProcessRequestSchema, envelope);
  if (!parsed.success) {
    // The models' message starts with the path, which the problem's issue carries on its own.
    // Pushed one by one: spreading could pass more arguments than the stack holds.
    for (const { path, expected, received, message } of parsed.issues) {
      issues.push({
        path,
        message: expected === undefined ? message : `expected ${expected}, got ${received}`,
      });
    }
  }
  // The raw JSON is validated, not the model's output, so that inputs reach the process as sent.
  const inputs = body.inputs ?? {};
  if (isPlainObject(inputs)) {
    for (const issue of process.validateInputs(inputs)) issues.push(issue);
  } else if (parsed.success)
    issues.push({ path: 'inputs', message: `must be an object, got ${kindOf(inputs)}` });
  const outputIds = checkOutputs(body.outputs, process, issues);
  if (issues.length > 0) throw invalid(process, issues);
  return { inputs: inputs as ProcessInputs, outputIds };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') {
    throw invalidParameterValue(
      'The request body is empty; send a JSON process request such as {"inputs": {}}.',
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidParameterValue(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

// Iterative, so that measuring a hostile document cannot exhaust the stack either; only arrays
// and objects are pushed, in two parallel stacks, so that large flat inputs cost little.
function depthExceeds(value: unknown, maxDepth: number): boolean {
  const items: object[] = [];
  const depths: number[] = [];
  const visit = (child: unknown, depth: number) => {
    if (typeof child === 'object' && child !== null) {
      items.push(child);
      depths.push(depth);
    }
  };
  visit(value, 0);
  for (let item = items.pop(); item !== undefined; item = items.pop()) {
    const depth = depths.pop() ?? 0;
    if (depth >= maxDepth) return true;
    if (Array.isArray(item)) for (const child of item) visit(child, depth + 1);
    else for (const key in item) visit((item as Record<string, unknown>)[key], depth + 1);
  }
  return false;
}

function checkOutputs(
  outputs: unknown,
  process: RegisteredProcess,
  issues: ProblemIssue[],
): string[] | undefined {
  if (!isPlainObject(outputs)) return undefined;
  const known = process.description.outputs ?? {};
  for (const [id, output] of Object.entries(outputs)) {
    if (!Object.hasOwn(known, id)) {
      issues.push({ path: `outputs.${id}`, message: 'is not an output of this process' });
    } else if (isPlainObject(output) && output.transmissionMode === 'reference') {
      issues.push({
        path: `outputs.${id}.transmissionMode`,
        message: "'reference' is not supported; this server returns outputs by value",
      });
    }
  }
  // An empty `outputs` asks for every output, like an absent one.
  const ids = Object.keys(outputs);
  return ids.length > 0 ? ids : undefined;
}

function invalid(process: RegisteredProcess, issues: ProblemIssue[]) {
  // A 1 MiB body can hold hundreds of thousands of mistakes (`[-1,-1,…]` for non-negative
  // numbers); listed in full, each request would be answered with megabytes.
  const listed =
    issues.length > MAX_LISTED_ISSUES
      ? [
          ...issues.slice(0, MAX_LISTED_ISSUES),
          { path: '', message: `and ${issues.length - MAX_LISTED_ISSUES} more problems` },
        ]
      : issues;
  return invalidParameterValue(
    `Invalid request to execute process '${process.id}': ${formatIssues(listed)}`,
    listed,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
