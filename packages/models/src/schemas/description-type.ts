import * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { AdditionalParametersSchema } from './additional-parameters.js';
import { MetadataSchema } from './metadata.js';

/** The descriptive members shared by processes, inputs and outputs. */
export const DescriptionTypeSchema = jsonObject({
  title: optionalMember(v.string()),
  description: optionalMember(v.string()),
  keywords: optionalMember(jsonArray(v.string())),
  metadata: optionalMember(jsonArray(MetadataSchema)),
  additionalParameters: optionalMember(AdditionalParametersSchema),
});

/** Title, description, keywords and metadata of a process, input or output. */
export type DescriptionType = v.InferOutput<typeof DescriptionTypeSchema>;
