import type * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { LinkSchema } from './link.js';
import { ProcessSummarySchema } from './process-summary.js';

/** The process list (`GET /processes`). `links` is required by the spec but may be missing. */
export const ProcessListSchema = jsonObject({
  processes: jsonArray(ProcessSummarySchema),
  links: optionalMember(jsonArray(LinkSchema)),
});

/** The list of processes the service offers. */
export type ProcessList = v.InferOutput<typeof ProcessListSchema>;
