import * as v from 'valibot';
import { jsonObject, optionalMember } from '../combinators.js';

/** A metadata entry of a process, input or output: a titled, typed reference. */
export const MetadataSchema = jsonObject({
  title: optionalMember(v.string()),
  role: optionalMember(v.string()),
  href: optionalMember(v.string()),
});

/** A metadata entry. */
export type Metadata = v.InferOutput<typeof MetadataSchema>;
