import * as v from 'valibot';

/** The form of a synchronous execute response: the bare output (`'raw'`) or a results document. */
export const ResponseTypeSchema = v.picklist(['raw', 'document']);

/** The response type of an execute request: `'raw' | 'document'`. */
export type ResponseType = v.InferOutput<typeof ResponseTypeSchema>;
