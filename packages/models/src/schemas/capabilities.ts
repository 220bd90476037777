import * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { LinkSchema } from './link.js';

/** The landing page (`GET /`): a title, a description and links to the API's resources. */
export const CapabilitiesSchema = jsonObject({
  title: optionalMember(v.string()),
  description: optionalMember(v.string()),
  links: jsonArray(LinkSchema),
});

/** The landing page of the service. */
export type Capabilities = v.InferOutput<typeof CapabilitiesSchema>;
