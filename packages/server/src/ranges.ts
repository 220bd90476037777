import { rangeNotSatisfiable } from './errors.js';

/** A byte range of a file, both ends included. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Reads a `Range` header (RFC 9110 §14) for a file of `size` bytes: `bytes=first-last`,
 * `bytes=first-` or `bytes=-suffixLength`. A header this server does not serve as a range — absent,
 * another unit, several ranges, or malformed — gives `undefined`, and the whole file is sent, as
 * RFC 9110 allows.
 *
 * @throws HttpProblem 416 with `Content-Range: bytes *∕size` for a range outside the file
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (size === 0) throw rangeNotSatisfiable(size);
  if (first === '') {
    const length = Number(last);
    if (length === 0) throw rangeNotSatisfiable(size);
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw rangeNotSatisfiable(size);
  return { start, end };
}
