import { run } from './program.js';

const code = await run(process.argv.slice(2));
// Everything is done, but an idle keep-alive socket of fetch would hold the process open a while
// longer: leave as soon as the output has been handed to the OS.
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
