import * as v from 'valibot';
import { jsonObject, jsonRecord, optionalMember } from '../combinators.js';

/** A web link (RFC 8288 style). Only `href` is required; newer servers add `x-options`. */
export const LinkSchema = jsonObject({
  href: v.string(),
  rel: optionalMember(v.string()),
  type: optionalMember(v.string()),
  hreflang: optionalMember(v.string()),
  title: optionalMember(v.string()),
  'x-options': optionalMember(jsonRecord(v.unknown())),
});

/** A link to a related resource. */
export type Link = v.InferOutput<typeof LinkSchema>;
