import * as v from 'valibot';

/** How an output is returned: inline (`'value'`) or as a link (`'reference'`). */
export const TransmissionModeSchema = v.picklist(['value', 'reference']);

/** The transmission mode of an output: `'value' | 'reference'`. */
export type TransmissionMode = v.InferOutput<typeof TransmissionModeSchema>;
