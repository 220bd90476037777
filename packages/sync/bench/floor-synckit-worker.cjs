// The worker of `floor-synckit.mjs`: one fetch, the body as text.
const { runAsWorker } = require('synckit');

runAsWorker(async (url) => (await fetch(url)).text());
