/**
 * A TCP forwarder on 127.0.0.1 with a scheduled outage, run as a child process (so that a blocked
 * sync client does not block it): `node tcp-forwarder.mjs TARGET_PORT STOP_AFTER_MS OUTAGE_MS`.
 * Prints `listening PORT` first, `stopped TIME` when it closes its port and every connection, and
 * `restarted TIME` when it listens on the same port again (times in ms since the epoch).
 */
import { createConnection, createServer } from 'node:net';

const [targetPort, stopAfter, outage] = process.argv.slice(2).map(Number);
const sockets = new Set();
let port = 0;

function listen() {
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const first = await listen();
port = first.address().port;
console.log(`listening ${port}`);
setTimeout(() => {
  first.close();
  for (const socket of sockets) socket.destroy();
  console.log(`stopped ${Date.now()}`);
  setTimeout(async () => {
    await listen();
    console.log(`restarted ${Date.now()}`);
  }, outage);
}, stopAfter);
