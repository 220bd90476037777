/**
 * The worker thread: holds one client per sync `Client` and performs their calls. It answers
 * every request with plain data (documents are JSON, errors serialised) and never throws across
 * the boundary.
 */
import type { TokenSet } from '@s2gos/async';
import { AsyncClientBase, nodePlatform, serializeError } from '@s2gos/async/internal';
import { runAsWorker } from 'synckit';
import { callTimedOut, tooDeep } from './limits.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const clients = new Map<number, AsyncClientBase>();
/** Tokens obtained (or dropped) since the last reply, per client: sent back with the reply. */
const newTokens = new Map<number, TokenSet | null>();

runAsWorker(async (request: WorkerRequest): Promise<WorkerReply> => {
  let reply: WorkerReply;
  try {
    reply = { ok: true, value: await handle(request) };
  } catch (error) {
    reply = { ok: false, error: serializeError(error) };
  }
  if (newTokens.has(request.clientId)) {
    reply.tokens = newTokens.get(request.clientId) ?? null;
    newTokens.delete(request.clientId);
  }
  return reply;
});

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'create': {
      // The Node client's behaviour with the configuration the calling thread resolved: the
      // worker needs no config-file code and no YAML parser.
      const { config, ...options } = request.options;
      const onTokens = (tokens: TokenSet | undefined) =>
        newTokens.set(request.clientId, tokens ?? null);
      clients.set(
        request.clientId,
        new AsyncClientBase(
          { ...options, onTokens },
          nodePlatform(() => config),
        ),
      );
      return null;
    }
    case 'close': {
      const client = clients.get(request.clientId);
      clients.delete(request.clientId);
      newTokens.delete(request.clientId);
      await client?.close();
      return null;
    }
    case 'download': {
      const client = clients.get(request.clientId);
      if (client === undefined) throw new Error(`no client ${request.clientId} in the worker`);
      const signal = AbortSignal.timeout(request.bound);
      const { jobId, dir, outputs, overwrite } = request;
      return client.downloadResults(jobId, { dir, outputs, overwrite, signal }).catch((error) => {
        const why = 'its timeout; calling downloadResults again resumes the download';
        throw signal.aborted ? callTimedOut('downloadResults', request.bound, why) : error;
      });
    }
    case 'call': {
      const client = clients.get(request.clientId);
      if (client === undefined) throw new Error(`no client ${request.clientId} in the worker`);
      // The one bound of the call, retries included: its abort ends whatever is in flight.
      const signal = AbortSignal.timeout(request.bound);
      const options = { ...request.options, signal };
      const args = JSON.parse(request.argsJson) as never;
      const value = await client.perform(request.operation, args, options).catch((error) => {
        throw signal.aborted ? callTimedOut(request.operation, request.bound) : error;
      });
      return documentJson(request.operation, value);
    }
  }
}

// JSON text, not the object, crosses back: structured clone of a document nested deeper than the
// stack would fail inside synckit, where no answer would ever come.
function documentJson(operation: string, value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw tooDeep(operation, error);
  }
}
