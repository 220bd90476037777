// Runs @s2gos/server in this (child) process and prints its URL; the bench kills it when done.
import { startServer } from '@s2gos/server';

const server = await startServer({ host: '127.0.0.1', port: 0 });
console.log(server.url);
