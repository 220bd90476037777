import { contentTooLarge, invalidParameterValue } from './errors.js';

/** The largest execute request body accepted (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body as UTF-8 text, at most `maxBytes` of it.
 *
 * Read here rather than with Hono's `bodyLimit`: that middleware rebuilds the request from its
 * buffer, which the Node adapter's request object does not survive, so every chunked or
 * length-less body ended in a 500. Decoding is strict: invalid UTF-8 is refused instead of being
 * replaced with U+FFFD and passed on to the process as if it had been sent.
 *
 * @throws HttpProblem 413 (with `Connection: close`, as the rest is not read) past `maxBytes`,
 *   400 (invalid-parameter-value) for invalid UTF-8
 */
export async function readTextBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('Content-Length') ?? 0);
  if (declared > maxBytes) throw contentTooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw contentTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw invalidParameterValue('The request body is not valid UTF-8.');
  }
}
