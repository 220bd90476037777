import type * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { AdditionalParameterSchema } from './additional-parameter.js';
import { MetadataSchema } from './metadata.js';

/** The `additionalParameters` of a description: a metadata entry with a list of parameters. */
export const AdditionalParametersSchema = jsonObject({
  ...MetadataSchema.entries,
  parameters: optionalMember(jsonArray(AdditionalParameterSchema)),
});

/** Additional, implementation-specific parameters of a process, input or output. */
export type AdditionalParameters = v.InferOutput<typeof AdditionalParametersSchema>;
