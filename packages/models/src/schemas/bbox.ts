import * as v from 'valibot';
import { jsonArray, jsonObject, optionalMember } from '../combinators.js';
import { CRSSchema } from './crs.js';

/**
 * A bounding box: 4 numbers (2D) or 6 numbers (3D), and optionally its CRS. The CRS may be any
 * URI string; the two CRS84 URIs of the 1.0 schema keep their literal type.
 */
export const BboxSchema = jsonObject({
  bbox: v.pipe(
    jsonArray(v.number()),
    v.rawCheck(({ dataset, addIssue }) => {
      // An untyped dataset holds whatever was given (even null): only a typed one is an array.
      if (!dataset.typed) return;
      const { length } = dataset.value as number[];
      if (length !== 4 && length !== 6) {
        addIssue({ expected: '4 or 6 numbers', received: `${length} numbers` });
      }
    }),
  ),
  crs: optionalMember(v.union([CRSSchema, v.string()])),
});

/** A bounding box value. */
export type Bbox = v.InferOutput<typeof BboxSchema>;
