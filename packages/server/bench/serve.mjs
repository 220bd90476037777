// The server under benchmark, in a process of its own; prints its URL.
import { demoProcesses, startServer } from '@s2gos/server';
import { spin } from './busy-process.mjs';

const server = await startServer({ port: 0, processes: [...demoProcesses, spin], abortGrace: 100 });
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
