import { setFlagsFromString } from 'node:v8';
import { run } from './program.js';

// Node 20 holds a process at exit, `process.exit()` included, until V8 has finished optimising
// undici's HTTP parser, WebAssembly compiled on the first fetch (nodejs/node#36616): every command
// that made a request would end noticeably later than its output. Node 22 and later exit at once.
// V8's baseline WebAssembly compiler alone parses a command's few responses just as well, and
// this process is the command's own, so the optimising tier is switched off before any request.
if (Number.parseInt(process.versions.node, 10) < 22) setFlagsFromString('--liftoff-only');

// A reader that stops early (`s2gos lp | head -1`, `| grep -q`) closes the pipe, and the next write
// fails with EPIPE, emitted as an 'error' event: unhandled, it would end the command with a Node
// stack trace and exit code 1. Only the binary owns the process's streams, so it handles them here
// (`run` leaves an embedding program's streams alone).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // Nobody reads the output any more: nothing left to do or to say. The reader took what it
  // wanted, as a command killed by SIGPIPE would let it, so this is no failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  // Progress and notes nobody reads: the command goes on, its result still goes to stdout.
  if (error.code !== 'EPIPE') throw error;
});

// A progress bar hides the cursor and turns line wrap off while it runs. SIGTERM (`timeout 1h
// s2gos wait …`, a process manager) would end the process with the terminal left that way: the
// two are switched back on (harmless when they were on), then the signal ends the process as it
// would have, with its exit status.
process.once('SIGTERM', () => {
  if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\x1b[?7h');
  process.kill(process.pid, 'SIGTERM');
});

const code = await run(process.argv.slice(2));
// Everything is done, but an idle keep-alive socket of fetch would hold the process open a while
// longer: leave as soon as the output has been handed to the OS.
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
