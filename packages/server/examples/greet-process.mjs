// A process module: the server's worker threads import it by its URL (`module: import.meta.url`)
// to run the process, so it is JavaScript and does nothing but define processes.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineProcess } from '@s2gos/server';

export const greet = defineProcess({
  module: import.meta.url,
  description: {
    id: 'greet',
    version: '1.0.0',
    title: 'Greeter',
    jobControlOptions: ['sync-execute', 'async-execute', 'dismiss'],
    inputs: {
      name: { title: 'Name', schema: { type: 'string', minLength: 1 } },
      times: { title: 'Times', minOccurs: 0, schema: { type: 'integer', minimum: 1, default: 1 } },
    },
    outputs: { greeting: { title: 'Greeting', schema: { type: 'string' } } },
  },
  async run({ name, times }, { reportProgress, signal }) {
    for (let i = 0; i < times; i++) {
      await sleep(20, undefined, { signal }); // rejects at once when the job is dismissed
      reportProgress(((i + 1) / times) * 100, `greeting ${i + 1} of ${times}`);
    }
    return { greeting: `Hello ${name}! `.repeat(times).trim() };
  },
});
