import * as v from 'valibot';
import { InlineValueSchema } from './inline-value.js';
import { LinkSchema } from './link.js';
import { QualifiedValueSchema } from './qualified-value.js';

/**
 * An input or output value: tried as a {@link Link} (an object with `href`) first, then as a
 * {@link QualifiedValue} (an object with `value`), then as a bare inline value. The order makes
 * overlapping alternatives resolve the same way every time instead of being rejected.
 */
export const InlineOrRefValueSchema = v.union([
  LinkSchema,
  QualifiedValueSchema,
  InlineValueSchema,
]);

/** An input or output value: a link, a qualified value or an inline value. */
export type InlineOrRefValue = v.InferOutput<typeof InlineOrRefValueSchema>;
