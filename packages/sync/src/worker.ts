/**
 * The worker thread: holds one `AsyncClient` per sync `Client` and performs their calls. It
 * answers every request with plain data and never throws across the boundary.
 */
import { AsyncClientBase, type Platform } from '@s2gos/async';
import { runAsWorker } from 'synckit';
import { callTimedOut } from './limits.js';
import type { WorkerClientOptions, WorkerReply, WorkerRequest } from './protocol.js';
import { serializeError } from './serialize.js';

const clients = new Map<number, AsyncClientBase>();

/**
 * The client of the Node entry (`AsyncClient`), built on `AsyncClientBase` with a configuration
 * that the calling thread already resolved: the worker needs no config-file code and no YAML parser.
 */
function createClient({ config, ...options }: WorkerClientOptions): AsyncClientBase {
  const platform: Platform = { resolveConfig: () => config, redirects: 'manual' };
  return new AsyncClientBase(options, platform);
}

runAsWorker(async (request: WorkerRequest): Promise<WorkerReply> => {
  let reply: WorkerReply;
  try {
    reply = { ok: true, value: await handle(request) };
  } catch (error) {
    reply = { ok: false, error: serializeError(error) };
  }
  return clonable(reply);
});

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'create':
      clients.set(request.clientId, createClient(request.options));
      return null;
    case 'close': {
      const client = clients.get(request.clientId);
      clients.delete(request.clientId);
      await client?.close();
      return null;
    }
    case 'call':
      return perform(request);
  }
}

/** Performs one call, ended (and its request aborted) at the call's hard upper bound. */
async function perform(request: Extract<WorkerRequest, { type: 'call' }>): Promise<unknown> {
  const client = clients.get(request.clientId);
  if (client === undefined) throw new Error(`no client ${request.clientId} in the worker`);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(callTimedOut(request.operation, request.bound));
    }, request.bound);
  });
  try {
    const call = client.perform(request.operation, request.args as never, {
      ...request.options,
      signal: controller.signal,
    });
    return await Promise.race([call, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * synckit clones the reply after this function returns, where a failure could no longer be
 * answered; so the reply is proven clonable here, and replaced by an error reply if it is not.
 */
function clonable(reply: WorkerReply): WorkerReply {
  try {
    structuredClone(reply);
    return reply;
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
