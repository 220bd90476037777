import pngjs from 'pngjs';
import { distFileUrl } from '../module-url.js';
import { defineProcess } from '../process.js';
import { type Bbox, bboxInput } from './bbox.js';

interface ImageLink {
  href: string;
  type: string;
  title: string;
}

const MAX_SIDE = 4096;
const GRID_DEGREES = 10;

/**
 * `map_image`: renders a PNG image of a bounding box — a colour ramp over longitude and latitude
 * with a 10° graticule — and returns it as a link to a file the server itself serves
 * (`…/jobs/{jobID}/files/map.png`), the way the S2GOS service returns file results.
 */
export const mapImage = defineProcess<
  { bbox: Bbox; width: number; height: number },
  { image: ImageLink }
>({
  module: distFileUrl('demo-map-image.js'),
  description: {
    id: 'map_image',
    version: '1.0.0',
    title: 'Map image',
    description:
      'Renders a PNG image of a bounding box (WGS 84 longitude/latitude) with a 10 degree ' +
      'graticule and returns a link to it, served by this server.',
    keywords: ['demo', 'testing', 'bbox', 'file'],
    jobControlOptions: ['async-execute', 'sync-execute', 'dismiss'],
    inputs: {
      bbox: bboxInput,
      width: {
        title: 'Width in pixels',
        minOccurs: 0,
        schema: { type: 'integer', minimum: 1, maximum: MAX_SIDE, default: 256 },
      },
      height: {
        title: 'Height in pixels',
        minOccurs: 0,
        schema: { type: 'integer', minimum: 1, maximum: MAX_SIDE, default: 256 },
      },
    },
    outputs: {
      image: {
        title: 'Map image',
        description: 'A link to the PNG image.',
        schema: {
          type: 'object',
          required: ['href', 'type'],
          properties: {
            href: { type: 'string', format: 'uri' },
            type: { type: 'string', enum: ['image/png'] },
            title: { type: 'string' },
          },
        },
      },
    },
  },
  run({ bbox: { bbox }, width, height }, { reportProgress, saveFile, signal }) {
    const [west, south, east, north] = bbox;
    if (south > north) throw new RangeError('bbox: south must not be greater than north');
    // A box crossing the antimeridian (west > east) goes east from west over 180°.
    const span = east >= west ? east - west : east + 360 - west;
    const png = new pngjs.PNG({ width, height });
    for (let y = 0; y < height; y++) {
      if (signal.aborted) throw signal.reason;
      const lat = north - ((y + 0.5) / height) * (north - south);
      for (let x = 0; x < width; x++) {
        const lon = wrap(west + ((x + 0.5) / width) * span);
        const i = (y * width + x) * 4;
        const onGrid =
          nearGridLine(lon, span / width) || nearGridLine(lat, (north - south) / height);
        png.data[i] = onGrid ? 40 : Math.round(((lon + 180) / 360) * 255);
        png.data[i + 1] = onGrid ? 40 : Math.round(((lat + 90) / 180) * 255);
        png.data[i + 2] = onGrid ? 40 : 160;
        png.data[i + 3] = 255;
      }
      if (y % 64 === 0) reportProgress((y / height) * 100, `Rendered ${y} of ${height} rows`);
    }
    const href = saveFile('map.png', pngjs.PNG.sync.write(png), 'image/png');
    return {
      image: {
        href,
        type: 'image/png',
        title: `Map of ${west},${south},${east},${north} (${width}x${height})`,
      },
    };
  },
});

function wrap(lon: number): number {
  return lon > 180 ? lon - 360 : lon;
}

/** Whether a pixel `step` degrees wide contains a graticule line. */
function nearGridLine(degrees: number, step: number): boolean {
  const offset = ((degrees % GRID_DEGREES) + GRID_DEGREES) % GRID_DEGREES;
  return offset < Math.max(step, 1e-9) / 2 || GRID_DEGREES - offset < Math.max(step, 1e-9) / 2;
}
