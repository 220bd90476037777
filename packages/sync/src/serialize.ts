import { ClientError, type ClientErrorData, clientErrorFromJSON } from '@s2gos/async';

/**
 * An error as plain, structured-clone-safe data: what the worker sends instead of throwing.
 *
 * Errors never cross the thread boundary as objects: synckit would clone them, and one whose
 * properties can't be cloned (ky's `HTTPError` holds a `Response`) poisons the sync function for
 * the rest of the process.
 */
export type SerializedError =
  | {
      /** A {@link ClientError} or `TransportError`, in the form of its own `toJSON()`. */
      kind: 'client';
      data: ClientErrorData;
    }
  | {
      /** Anything else (a `TypeError` for a bad argument, a `ConfigError`): name and message. */
      kind: 'error';
      name: string;
      message: string;
      /** Node's error code (`ERR_…`, `ECONNRESET`), when the error had one. */
      code?: string | undefined;
      /** The cause reduced to its name and message. */
      cause?: { name: string; message: string } | undefined;
    };

/** Turns any thrown value into {@link SerializedError}. Never throws. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof ClientError) return { kind: 'client', data: error.toJSON() };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      kind: 'error',
      name: error.name,
      message: error.message,
      code: typeof code === 'string' ? code : undefined,
      cause: error.cause === undefined ? undefined : summarise(error.cause),
    };
  }
  return { kind: 'error', name: 'Error', message: `non-error thrown: ${describe(error)}` };
}

/**
 * Rebuilds the error {@link serializeError} took apart, on the caller's thread: a real
 * `ClientError` / `TransportError` (so `instanceof` holds), or an error of the original built-in
 * class (`TypeError`, `RangeError`, …) carrying the original name, message and code.
 */
export function rebuildError(serialized: SerializedError): Error {
  if (serialized.kind === 'client') return clientErrorFromJSON(serialized.data);
  const { name, message, code, cause } = serialized;
  const ErrorClass = BUILT_IN_ERRORS[name] ?? Error;
  const rebuiltCause =
    cause === undefined ? undefined : Object.assign(new Error(cause.message), { name: cause.name });
  const error = new ErrorClass(
    message,
    rebuiltCause === undefined ? undefined : { cause: rebuiltCause },
  );
  if (error.name !== name) error.name = name;
  if (code !== undefined) Object.assign(error, { code });
  return error;
}

const BUILT_IN_ERRORS: Readonly<Record<string, ErrorConstructor>> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

function summarise(cause: unknown): { name: string; message: string } {
  return cause instanceof Error
    ? { name: cause.name, message: cause.message }
    : { name: typeof cause, message: describe(cause) };
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
