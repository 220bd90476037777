import { setFlagsFromString } from 'node:v8';
import { run } from './program.js';

// Node 20 holds a process at exit, `process.exit()` included, until V8 has finished optimising
// undici's HTTP parser, WebAssembly compiled on the first fetch (nodejs/node#36616): every command
// that made a request would end noticeably later than its output. Node 22 and later exit at once.
// V8's baseline WebAssembly compiler alone parses a command's few responses just as well, and
// this process is the command's own, so the optimising tier is switched off before any request.
if (Number.parseInt(process.versions.node, 10) < 22) setFlagsFromString('--liftoff-only');

const code = await run(process.argv.slice(2));
// Everything is done, but an idle keep-alive socket of fetch would hold the process open a while
// longer: leave as soon as the output has been handed to the OS.
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
