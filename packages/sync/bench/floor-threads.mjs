// A lower floor for the first blocking call, without synckit: a worker thread started with
// `eval` makes one `fetch`, the calling thread blocks on `Atomics.wait` until it is done, and
// the time from the process start is printed (as `first-call.mjs` does).
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

const [serverUrl, jobId] = process.argv.slice(2);
const done = new Int32Array(new SharedArrayBuffer(4));
const { port1, port2 } = new MessageChannel();
const worker = new Worker(
  `const { workerData: { url, done, port } } = require('node:worker_threads');
  fetch(url).then((response) => response.text()).then((text) => {
    port.postMessage(text);
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  });`,
  {
    eval: true,
    workerData: { url: `${serverUrl}/jobs/${jobId}`, done, port: port2 },
    transferList: [port2],
  },
);
if (Atomics.wait(done, 0, 0, 10_000) === 'timed-out') throw new Error('no answer within 10 s');
JSON.parse(receiveMessageOnPort(port1).message);
console.log(JSON.stringify({ sinceStart: performance.now() }));
worker.unref();
