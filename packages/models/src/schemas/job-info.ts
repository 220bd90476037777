import * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { adoptTraceback, tracebackEntries } from '../traceback.js';
import { JobStatusSchema } from './job-status.js';
import { JobTypeSchema } from './job-type.js';
import { LinkSchema } from './link.js';

/**
 * The status of a job. `type` defaults to `'process'`; `progress` is any number (servers send
 * fractions); timestamps are strings, not checked further; the traceback is normalised.
 */
export const JobInfoSchema = jsonObject(
  {
    jobID: v.string(),
    status: JobStatusSchema,
    type: v.nullish(JobTypeSchema, 'process'),
    processID: optionalMember(v.string()),
    message: optionalMember(v.string()),
    created: optionalMember(v.string()),
    started: optionalMember(v.string()),
    finished: optionalMember(v.string()),
    updated: optionalMember(v.string()),
    progress: optionalMember(v.number()),
    links: optionalMember(jsonArray(LinkSchema)),
    ...tracebackEntries,
  },
  adoptTraceback,
);

/** The status information of a job. */
export type JobInfo = v.InferOutput<typeof JobInfoSchema>;
