/**
 * The execute request as it is sent. Documents read from a server keep members this package does
 * not know (`ProcessRequest`); a request written by a user must not, because a server ignores a
 * member it does not know and a typo (`input:` for `inputs:`) would run the process with its
 * defaults, silently wrong.
 */
import { type ModelIssue, ModelValidationError } from './errors.js';
import type { ProcessRequest } from './schemas/process-request.js';

/** The members an execute request may have, in the order the standard lists them. */
export const PROCESS_REQUEST_MEMBERS = ['inputs', 'outputs', 'response', 'subscriber'] as const;

/**
 * An execute request to send: only the members of a request, so an unknown member of an object
 * literal (`{ input: ... }`, or the inputs without their `inputs` wrapper) is a type error.
 * The members have the types of {@link ProcessRequest}.
 */
export type ProcessRequestInput = Pick<ProcessRequest, (typeof PROCESS_REQUEST_MEMBERS)[number]>;

const KNOWN = new Set<string>(PROCESS_REQUEST_MEMBERS);

/**
 * The problems that make `request` unfit to send: not an object, or members other than
 * {@link PROCESS_REQUEST_MEMBERS}, each with the nearest known name
 * (`` unknown member `input`; did you mean `inputs`? ``). Empty when it may be sent; `undefined`
 * (no request) may. The values of the members are the server's to judge.
 */
export function checkProcessRequestInput(request: unknown): ModelIssue[] {
  if (request === undefined) return [];
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    const received = request === null ? 'null' : Array.isArray(request) ? 'Array' : typeof request;
    return [
      {
        path: '',
        expected: 'Object',
        received,
        message: `a request must be an object with ${listMembers()}, got ${received}`,
      },
    ];
  }
  return Object.keys(request)
    .filter((name) => !KNOWN.has(name))
    .map((name) => ({ path: name, message: unknownMemberMessage(name) }));
}

/**
 * Asserts that `request` may be sent (see {@link checkProcessRequestInput}); call it before
 * anything goes to the server.
 *
 * @throws ModelValidationError listing every problem, one per line
 */
export function assertProcessRequestInput(
  request: unknown,
): asserts request is ProcessRequestInput | undefined {
  const issues = checkProcessRequestInput(request);
  if (issues.length > 0) throw new ModelValidationError(issues);
}

function unknownMemberMessage(name: string): string {
  const nearest = nearestMember(name);
  if (nearest) return `unknown member \`${name}\`; did you mean \`${nearest}\`?`;
  // Most often an input written beside `inputs` instead of under it.
  return `unknown member \`${name}\`; a request has ${listMembers()} (inputs go under \`inputs\`)`;
}

function listMembers(): string {
  return PROCESS_REQUEST_MEMBERS.map((member) => `\`${member}\``).join(', ');
}

// A name is a typo of a member when at most a third of it (and at least one character) differs.
function nearestMember(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const member of PROCESS_REQUEST_MEMBERS) {
    const distance = editDistance(name.toLowerCase(), member);
    if (distance < bestDistance) {
      best = member;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

// Levenshtein distance, with a swap of two neighbours counting as one edit.
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = distance;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
