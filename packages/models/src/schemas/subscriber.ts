import * as v from 'valibot';
import { jsonObject, optionalMember } from '../combinators.js';

/**
 * Callback URIs of a job. `successUri` is required: the 1.0 YAML requires `successUrl`, a typo
 * corrected in the OGC errata, so that spelling is not asked for.
 */
export const SubscriberSchema = jsonObject({
  successUri: v.string(),
  inProgressUri: optionalMember(v.string()),
  failedUri: optionalMember(v.string()),
});

/** The callback URIs of an execute request. */
export type Subscriber = v.InferOutput<typeof SubscriberSchema>;
