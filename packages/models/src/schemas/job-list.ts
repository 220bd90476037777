import type * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { JobInfoSchema } from './job-info.js';
import { LinkSchema } from './link.js';

/** The job list (`GET /jobs`). Jobs must be objects; `links` is required by the spec but may be missing. */
export const JobListSchema = jsonObject({
  jobs: jsonArray(JobInfoSchema),
  links: optionalMember(jsonArray(LinkSchema)),
});

/** The list of jobs. */
export type JobList = v.InferOutput<typeof JobListSchema>;
