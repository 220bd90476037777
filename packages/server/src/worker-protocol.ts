import type { MessagePort } from 'node:worker_threads';

/** What the server sends a worker to run one process (plain data and a port). */
export interface RunTask {
  readonly module: string;
  readonly processId: string;
  readonly jobId: string;
  /** The validated inputs as JSON text. */
  readonly inputsJson: string;
  /** The absolute URL that saved files are served under, ending in `/`. */
  readonly filesUrl: string;
  /** Carries progress and files to the server, and the abort request to the worker. */
  readonly port: MessagePort;
}

/** How a process ended, as the worker reports it. */
export type TaskOutcome =
  | { readonly ok: true; readonly outputsJson: string }
  | { readonly ok: false; readonly message: string; readonly traceback: readonly string[] };

/** A file saved by a process. */
export interface FileMessage {
  readonly type: 'file';
  readonly name: string;
  readonly mediaType: string;
  readonly data: Uint8Array<ArrayBuffer>;
}

/** Messages from a worker to the server while its process runs. */
export type WorkerMessage =
  | { readonly type: 'started' }
  | { readonly type: 'progress'; readonly progress: number | undefined; readonly message?: string }
  | FileMessage
  | { readonly type: 'done'; readonly outcome: TaskOutcome };

const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;

/** Whether a name may be used for a saved file (one path segment, no dot files). */
export function isFileName(name: unknown): name is string {
  return typeof name === 'string' && FILE_NAME.test(name);
}

// RFC 9110 §8.3.1: `type/subtype`, then parameters; all of it visible ASCII, so that it can be
// sent as a `Content-Type` header (a control character such as CR or LF cannot be).
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+(?:[\t ]*;[\t\x20-\x7e]*)?$/;

/** Whether a saved file's media type can be sent as its `Content-Type` header. */
export function isMediaType(mediaType: unknown): mediaType is string {
  return typeof mediaType === 'string' && mediaType.length <= 1000 && MEDIA_TYPE.test(mediaType);
}
