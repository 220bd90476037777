import * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { DescriptionTypeSchema } from './description-type.js';
import { JobControlOptionsSchema } from './job-control-options.js';
import { LinkSchema } from './link.js';
import { TransmissionModeSchema } from './transmission-mode.js';

/** A process as listed in the process list: identity, version, execution options and links. */
export const ProcessSummarySchema = jsonObject({
  ...DescriptionTypeSchema.entries,
  id: v.string(),
  version: v.string(),
  jobControlOptions: optionalMember(jsonArray(JobControlOptionsSchema)),
  outputTransmission: optionalMember(jsonArray(TransmissionModeSchema)),
  links: optionalMember(jsonArray(LinkSchema)),
});

/** A summary of one process. */
export type ProcessSummary = v.InferOutput<typeof ProcessSummarySchema>;
