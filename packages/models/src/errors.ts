/**
 * Turns valibot issues into messages a person can act on: one line per failing path, saying what
 * was expected and what was received, e.g.
 * `jobs[3].status: expected "accepted" | "running" | ..., got "succeeded"`.
 */
import type * as v from 'valibot';

/** One reason why a document was rejected. */
export interface ModelIssue {
  /** Where the problem is, e.g. `jobs[3].status`; the empty string for the document itself. */
  path: string;
  /** What the schema expected there, e.g. `string` or `"raw" | "document"`. */
  expected?: string;
  /** What was found there, e.g. `"succeeded"`, `Array`, `undefined` (a missing member). */
  received?: string;
  /** The whole line: `path: expected X, got Y`. */
  message: string;
}

type Issue = v.BaseIssue<unknown>;
type PathItem = NonNullable<Issue['path']>[number];

// Only this many lines go into `Error.message`; `issues` always holds all of them.
const MAX_MESSAGE_LINES = 20;

/** Thrown by {@link parseModel} when a document does not match its schema. */
export class ModelValidationError extends Error {
  override readonly name = 'ModelValidationError';
  /** Every problem found, in document order. */
  readonly issues: ModelIssue[];

  /** Creates the error from the issues found; the message lists them, one per line. */
  constructor(issues: ModelIssue[]) {
    const lines = issues.slice(0, MAX_MESSAGE_LINES).map((issue) => issue.message);
    if (issues.length > MAX_MESSAGE_LINES) {
      lines.push(`... and ${issues.length - MAX_MESSAGE_LINES} more issues`);
    }
    super(lines.join('\n'));
    this.issues = issues;
  }
}

/**
 * Converts valibot issues to {@link ModelIssue}s, one per distinct path and problem. A missing
 * member is reported with what the member expects (`expected string`), which valibot's issue (it
 * names the key) does not say: that is read from `schema` along the issue's path.
 */
export function toModelIssues(issues: readonly Issue[], schema?: SchemaNode): ModelIssue[] {
  const result: ModelIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const modelIssue of flatten(issue, [], schema)) {
      if (!seen.has(modelIssue.message)) {
        seen.add(modelIssue.message);
        result.push(modelIssue);
      }
    }
  }
  return result;
}

function flatten(issue: Issue, prefix: readonly PathItem[], schema?: SchemaNode): ModelIssue[] {
  const path = issue.path ? [...prefix, ...issue.path] : prefix;
  const branches = issue.type === 'union' ? (issue.issues ?? []) : [];
  // A union reports the issues of all its alternatives. Those that matched the value's outer type
  // got further (their issues lie deeper); they are what the user needs to read. When none did,
  // the value has the wrong type for every alternative, and the union's own issue says so.
  const deeper = branches.filter((branch) => branch.path !== undefined && branch.path.length > 0);
  if (deeper.length > 0) return deeper.flatMap((branch) => flatten(branch, path, schema));
  const missing = issue.kind === 'schema' && path.at(-1)?.origin === 'key';
  const member = missing && schema ? memberAt(schema, path) : undefined;
  const expected =
    branches.length > 0
      ? unique(branches.flatMap((branch) => alternatives(describeExpected(branch)))).join(' | ')
      : member
        ? unwrap(member.expects)
        : describeExpected(issue);
  return [toModelIssue(formatPath(path), expected, issue.received)];
}

/** The parts of a valibot schema that lead to its members (all public properties). */
export interface SchemaNode {
  readonly expects: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly item?: SchemaNode;
  readonly value?: SchemaNode;
  readonly wrapped?: SchemaNode;
  readonly options?: readonly SchemaNode[];
  readonly pipe?: readonly unknown[];
}

/** The schema of the member at `path` under `schema`, if the path leads to one. */
function memberAt(schema: SchemaNode, path: readonly PathItem[]): SchemaNode | undefined {
  if (path.length === 0) return schema;
  const [item, ...rest] = path as [PathItem, ...PathItem[]];
  const child = (node: SchemaNode): SchemaNode | undefined => {
    if (node.wrapped) return child(node.wrapped);
    if (node.options) {
      for (const option of node.options) {
        const found = child(option);
        if (found) return found;
      }
      return undefined;
    }
    const piped = node.pipe?.find((step): step is SchemaNode => isContainer(step as SchemaNode));
    if (piped && piped !== node) return child(piped);
    if (node.entries) return node.entries[String(item.key)];
    return node.item ?? node.value;
  };
  const next = child(schema);
  return next && (rest.length === 0 ? next : memberAt(next, rest));
}

function isContainer(node: SchemaNode): boolean {
  return Boolean(node.entries || node.item || node.value);
}

function describeExpected(issue: Issue): string {
  // Validation actions such as `integer` carry no `expected`; their type names the requirement.
  return unwrap(issue.expected ?? issue.type);
}

function toModelIssue(path: string, expected: string, received: string): ModelIssue {
  const text = `expected ${expected}, got ${received}`;
  return { path, expected, received, message: path ? `${path}: ${text}` : text };
}

function alternatives(expected: string): string[] {
  return expected.split(' | ');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// valibot writes alternatives as `("a" | "b")`; the outer parentheses add nothing to a message.
function unwrap(expected: string): string {
  if (!expected.startsWith('(') || !expected.endsWith(')')) return expected;
  let depth = 0;
  for (let index = 0; index < expected.length - 1; index++) {
    if (expected[index] === '(') depth++;
    else if (expected[index] === ')') depth--;
    if (depth === 0) return expected;
  }
  return expected.slice(1, -1);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function formatPath(path: readonly PathItem[]): string {
  let text = '';
  for (const item of path) {
    const key = item.key;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}
