/**
 * Tracebacks of failed jobs and errors. The 1.0 YAML sends `traceback: string[]`; newer servers
 * send `x-traceback` as a string or a list of strings. Documents expose one normalised member.
 */
import * as v from 'valibot';
import { jsonArray, optionalMember } from './combinators.js';

/** A traceback as sent: one string or a list of strings. */
const RawTracebackSchema = v.union([jsonArray(v.string()), v.string()]);

/** The normalised `traceback` member: a string becomes a one-element list; nothing is split. */
const TracebackSchema = v.union([
  jsonArray(v.string()),
  v.pipe(
    v.string(),
    v.transform((line) => [line]),
  ),
]);

/** The two traceback members, ready to spread into the entries of an object schema. */
export const tracebackEntries = {
  traceback: optionalMember(TracebackSchema),
  'x-traceback': optionalMember(RawTracebackSchema),
};

/**
 * Fills `traceback` from `x-traceback` when only the latter was sent; `traceback` wins when both
 * are present. `x-traceback` itself is kept as sent, like every other member. Returns a new object
 * when it changes something: the input document is never modified.
 */
export function adoptTraceback<
  TDocument extends {
    traceback?: string[] | undefined;
    'x-traceback'?: string | string[] | undefined;
  },
>(document: TDocument): TDocument {
  const extension = document['x-traceback'];
  if (document.traceback !== undefined || extension === undefined) return document;
  return { ...document, traceback: typeof extension === 'string' ? [extension] : [...extension] };
}
