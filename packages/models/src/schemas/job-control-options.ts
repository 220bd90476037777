import * as v from 'valibot';

/** How a process may be executed: synchronously, asynchronously, and whether its jobs can be dismissed. */
export const JobControlOptionsSchema = v.picklist(['sync-execute', 'async-execute', 'dismiss']);

/** One job control option: `'sync-execute' | 'async-execute' | 'dismiss'`. */
export type JobControlOptions = v.InferOutput<typeof JobControlOptionsSchema>;
