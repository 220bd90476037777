import * as v from 'valibot';

/** The coordinate reference systems named by the 1.0 schemas: CRS84 and CRS84h. */
export const CRSSchema = v.picklist([
  'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  'http://www.opengis.net/def/crs/OGC/0/CRS84h',
]);

/** One of the two CRS84 URIs. Bounding boxes accept other CRS URIs too (see {@link Bbox}). */
export type CRS = v.InferOutput<typeof CRSSchema>;
