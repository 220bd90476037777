import type { InputDescription } from '@s2gos/models';

/** An OGC bbox object in WGS 84 longitude/latitude (CRS84). */
export interface Bbox {
  bbox: [number, number, number, number];
  crs?: string;
}

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** The bounding-box input of the demo processes: west, south, east, north in degrees. */
export const bboxInput: InputDescription = {
  title: 'Bounding box',
  description: 'West, south, east, north in degrees (OGC bbox object).',
  schema: {
    type: 'object',
    format: 'ogc-bbox',
    required: ['bbox'],
    properties: {
      bbox: {
        type: 'array',
        minItems: 4,
        maxItems: 4,
        items: [
          { type: 'number', minimum: -180, maximum: 180 },
          { type: 'number', minimum: -90, maximum: 90 },
          { type: 'number', minimum: -180, maximum: 180 },
          { type: 'number', minimum: -90, maximum: 90 },
        ],
      },
      crs: { type: 'string', enum: [CRS84], default: CRS84 },
    },
  },
};
