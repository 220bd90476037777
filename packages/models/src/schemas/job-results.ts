import type * as v from 'valibot';
import { jsonRecord } from '../combinators.js';
import { InlineOrRefValueSchema } from './inline-or-ref-value.js';

/** The results of a job (`GET /jobs/{jobId}/results`): a map from output identifier to value. */
export const JobResultsSchema = jsonRecord(InlineOrRefValueSchema);

/** The results of a job, keyed by output identifier. */
export type JobResults = v.InferOutput<typeof JobResultsSchema>;
