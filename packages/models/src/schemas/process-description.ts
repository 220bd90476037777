import type * as v from 'valibot';
import { jsonObject, jsonRecord, optionalMember } from '../combinators.js';
import { InputDescriptionSchema } from './input-description.js';
import { OutputDescriptionSchema } from './output-description.js';
import { ProcessSummarySchema } from './process-summary.js';

/**
 * The full description of a process (`GET /processes/{processID}`). `inputs` and `outputs` are
 * maps keyed by identifier; the pre-1.0 array form is rejected.
 */
export const ProcessDescriptionSchema = jsonObject({
  ...ProcessSummarySchema.entries,
  inputs: optionalMember(jsonRecord(InputDescriptionSchema)),
  outputs: optionalMember(jsonRecord(OutputDescriptionSchema)),
});

/** The description of a process with its inputs and outputs. */
export type ProcessDescription = v.InferOutput<typeof ProcessDescriptionSchema>;
