import { createHash } from 'node:crypto';
import { distFileUrl } from '../module-url.js';
import { defineProcess } from '../process.js';
import { type Bbox, bboxInput } from './bbox.js';

interface SceneLink {
  href: string;
  type: string;
  title: string;
}

const DAY_MS = 86_400_000;

/**
 * `scene_link`: takes a bounding box and a date range and returns a link to the (simulated)
 * scene covering them — the shape of the S2GOS scene-generation processes, whose results are
 * references rather than inline values. The link points to the reserved `example.com` domain.
 */
export const sceneLink = defineProcess<
  { bbox: Bbox; start_date: string; end_date: string },
  { scene: SceneLink }
>({
  module: distFileUrl('demo-scene-link.js'),
  description: {
    id: 'scene_link',
    version: '1.0.0',
    title: 'Scene link',
    description:
      'Plans a scene for a bounding box (WGS 84 longitude/latitude) and a date range and ' +
      'returns a link to it.',
    keywords: ['demo', 'testing', 'bbox'],
    jobControlOptions: ['async-execute', 'dismiss'],
    inputs: {
      bbox: bboxInput,
      start_date: {
        title: 'Start date',
        description: 'First day of the range (ISO 8601 date, e.g. 2025-06-01).',
        schema: { type: 'string', format: 'date' },
      },
      end_date: {
        title: 'End date',
        description: 'Last day of the range, not before the start date.',
        schema: { type: 'string', format: 'date' },
      },
    },
    outputs: {
      scene: {
        title: 'Scene link',
        description: 'A link to the scene.',
        schema: {
          type: 'object',
          required: ['href'],
          properties: {
            href: { type: 'string', format: 'uri' },
            type: { type: 'string' },
            title: { type: 'string' },
          },
        },
      },
    },
  },
  async run({ bbox: { bbox }, start_date, end_date }, { reportProgress }) {
    const [west, south, east, north] = bbox;
    if (south > north) throw new RangeError('bbox: south must not be greater than north');
    const days = (Date.parse(end_date) - Date.parse(start_date)) / DAY_MS + 1;
    if (days < 1) throw new RangeError('end_date must not be before start_date');
    reportProgress(50, `Planning a scene of ${days} day(s)`);
    const key = createHash('sha256')
      .update(JSON.stringify([bbox, start_date, end_date]))
      .digest('hex')
      .slice(0, 16);
    const query = new URLSearchParams({
      bbox: [west, south, east, north].join(','),
      datetime: `${start_date}/${end_date}`,
    });
    return {
      scene: {
        href: `https://scenes.example.com/s2gos/${key}.zarr?${query}`,
        type: 'application/vnd+zarr',
        title: `Scene ${west},${south},${east},${north} from ${start_date} to ${end_date}`,
      },
    };
  },
});
