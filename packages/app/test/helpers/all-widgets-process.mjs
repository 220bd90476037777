// The `all_widgets` process: inputs that need every widget of the form, in the service's OpenAPI
// 3.0 dialect; it returns what it received. A module of definitions only: the server's workers
// import it by URL.
import { defineProcess } from '../../../server/dist/index.js';

export const allWidgets = defineProcess({
  module: import.meta.url,
  description: {
    id: 'all_widgets',
    version: '1.0.0',
    title: 'All widgets',
    description: 'Returns its inputs.',
    inputs: {
      colour: {
        title: 'Colour',
        schema: { type: 'string', enum: ['red', 'green', 'blue'], default: 'green' },
      },
      verbose: { title: 'Verbose', minOccurs: 0, schema: { type: 'boolean', default: false } },
      count: { title: 'Count', schema: { type: 'integer', minimum: 1, maximum: 10 } },
      ratio: {
        title: 'Ratio',
        schema: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1 },
      },
      day: { title: 'Day', schema: { type: 'string', format: 'date' } },
      start: { title: 'Start time', schema: { type: 'string', format: 'date-time' } },
      tags: { title: 'Tags', minOccurs: 0, maxOccurs: 3, schema: { type: 'string' } },
      options: {
        title: 'Options',
        minOccurs: 0,
        schema: {
          type: 'object',
          properties: {
            level: { title: 'Level', type: 'integer', minimum: 0 },
            label: { title: 'Label', type: 'string' },
          },
        },
      },
      limit: {
        title: 'Limit',
        minOccurs: 0,
        schema: { type: 'integer', nullable: true, default: null },
      },
      area: {
        title: 'Area',
        schema: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
      },
      extra: { title: 'Extra', minOccurs: 0, schema: {} },
    },
    outputs: { received: { title: 'Received', schema: { type: 'object' } } },
  },
  run: (inputs) => ({ received: inputs }),
});
