import type * as v from 'valibot';
import { jsonObject, optionalMember } from '../combinators.js';
import { FormatSchema } from './format.js';
import { TransmissionModeSchema } from './transmission-mode.js';

/** How an execute request wants one output returned: its format and transmission mode. */
export const OutputSchema = jsonObject({
  format: optionalMember(FormatSchema),
  transmissionMode: optionalMember(TransmissionModeSchema),
});

/** The requested form of one output of an execute request. */
export type Output = v.InferOutput<typeof OutputSchema>;
