import * as v from 'valibot';

/** The only non-numeric `maxOccurs` of an input: `'unbounded'`. */
export const MaxOccursSchema = v.picklist(['unbounded']);

/** The literal `'unbounded'`; numeric `maxOccurs` values are plain integers. */
export type MaxOccurs = v.InferOutput<typeof MaxOccursSchema>;
