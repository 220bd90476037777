import * as v from 'valibot';

/** The five states of a job. Any other value (e.g. `"succeeded"`) is rejected. */
export const JobStatusSchema = v.picklist([
  'accepted',
  'running',
  'successful',
  'failed',
  'dismissed',
]);

/** The state of a job: `'accepted' | 'running' | 'successful' | 'failed' | 'dismissed'`. */
export type JobStatus = v.InferOutput<typeof JobStatusSchema>;
