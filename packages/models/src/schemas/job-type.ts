import * as v from 'valibot';

/** The kind of a job; OGC API - Processes 1.0 knows only `'process'`. */
export const JobTypeSchema = v.picklist(['process']);

/** The kind of a job: `'process'`. */
export type JobType = v.InferOutput<typeof JobTypeSchema>;
