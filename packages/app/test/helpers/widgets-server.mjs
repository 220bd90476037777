// `@s2gos/server` (from its dist) with the demo processes and `all_widgets`. Prints its URL.
import { demoProcesses, startServer } from '../../../server/dist/index.js';
import { allWidgets } from './all-widgets-process.mjs';

const server = await startServer({ port: 0, processes: [...demoProcesses, allWidgets] });
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
