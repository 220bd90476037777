/**
 * The messages between the calling thread and the worker. Everything here is plain data: it
 * crosses the thread boundary by structured clone.
 */
import type {
  AsyncClientOptions,
  CallOptions,
  OperationName,
  ResolvedConfig,
  TokenSet,
} from '@s2gos/async';
import type { SerializedError } from '@s2gos/async/internal/no-http';

/** What the worker's client is built from: the configuration comes resolved. */
export type WorkerClientOptions = Pick<
  AsyncClientOptions,
  'timeout' | 'retry' | 'headers' | 'validate' | 'maxResponseSize' | 'tokens'
> & { config: ResolvedConfig };

/** A request to the worker. `clientId` names the `Client` the worker keeps state for. */
export type WorkerRequest =
  | { type: 'create'; clientId: number; options: WorkerClientOptions }
  | {
      type: 'call';
      clientId: number;
      operation: OperationName;
      /** The arguments as JSON text (see `Client.perform`). */
      argsJson: string;
      options: CallOptions;
      /** Bound of the whole call in ms: the request timeout plus `CALL_MARGIN`. */
      bound: number;
    }
  | {
      type: 'download';
      clientId: number;
      jobId: string;
      dir: string;
      outputs: readonly string[] | undefined;
      overwrite: boolean | undefined;
      /** Bound of the whole download in ms. */
      bound: number;
    }
  | { type: 'close'; clientId: number };

/**
 * The worker's answer (a call's document as JSON text); it never throws across the boundary. `tokens` is there when the client's
 * tokens changed during the request (`null`: they were dropped).
 */
export type WorkerReply = ({ ok: true; value: unknown } | { ok: false; error: SerializedError }) & {
  tokens?: TokenSet | null;
};
