import { distFileUrl } from '../module-url.js';
import { defineProcess } from '../process.js';

/** `echo`: returns its input `value`, whatever JSON it is. Offers synchronous execution. */
export const echo = defineProcess<{ value: unknown }, { value: unknown }>({
  module: distFileUrl('demo-echo.js'),
  description: {
    id: 'echo',
    version: '1.0.0',
    title: 'Echo',
    description: 'Returns the given value unchanged. Can run synchronously (Prefer: respond-sync).',
    keywords: ['demo', 'testing'],
    jobControlOptions: ['sync-execute', 'async-execute', 'dismiss'],
    inputs: {
      value: {
        title: 'Value',
        description: 'Any JSON value: null, boolean, number, string, array or object.',
        schema: { nullable: true },
      },
    },
    outputs: {
      value: { title: 'Value', description: 'The input value.', schema: { nullable: true } },
    },
  },
  run: ({ value }) => ({ value }),
});
