import * as v from 'valibot';
import { jsonObject, optionalMember } from '../combinators.js';
import { adoptTraceback, tracebackEntries } from '../traceback.js';

/**
 * An error document (RFC 7807 / RFC 9457 problem details) with a traceback. A missing `type`
 * becomes `'about:blank'`, the value RFC 9457 says it stands for.
 */
export const ApiErrorSchema = jsonObject(
  {
    type: v.nullish(v.string(), 'about:blank'),
    title: optionalMember(v.string()),
    status: optionalMember(v.number()),
    detail: optionalMember(v.string()),
    instance: optionalMember(v.string()),
    ...tracebackEntries,
  },
  adoptTraceback,
);

/** An error reported by the service. */
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;
