/**
 * Results as files (Node only: the Node entries hand {@link downloadResultFiles} to the client as
 * part of their platform). Links are streamed to a temporary file and renamed when complete;
 * inline values are written as JSON. File names come from the output id and the media type only —
 * never from the server's path — and are checked to stay inside the target directory.
 */
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { JobResults } from '@s2gos/models';
import { clientError, isClientError } from './errors.js';

/** Options of `downloadResults`. */
export interface DownloadOptions {
  /** Directory to write into (created if missing). */
  dir: string;
  /** Only these outputs (default: all of the job's outputs). */
  outputs?: readonly string[] | undefined;
  /** Called as bytes arrive, and once per file when it is complete. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /** Stops the download; the partial file stays for a later call to resume. */
  signal?: AbortSignal | undefined;
  /**
   * Replace files that already exist in `dir` under the names the outputs get. Default `false`:
   * if any does, nothing is downloaded and a `ClientError` of type `ErrorType.invalidArgument`
   * names them, so that no file of yours (a `package.json` in the working directory, the results of
   * another job) is overwritten by accident. What an earlier call for the same job left is never
   * in the way: partial `.part` files are resumed, and files it completed before it stopped are
   * kept as they are (a hidden `.s2gos-download-<job>.json` in `dir` lists them until the call
   * that completes the download removes it).
   */
  overwrite?: boolean | undefined;
}

/** How far the download of one output is. */
export interface DownloadProgress {
  output: string;
  /** Bytes of the file so far (a resumed download starts with what was there). */
  received: number;
  /** The file's size, when the server said. */
  total?: number | undefined;
}

/** One file `downloadResults` wrote. */
export interface DownloadedFile {
  /** The output id. */
  output: string;
  /** Absolute path of the file. */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** `link`: the file a link pointed to; `inline`: the value itself, as JSON. */
  source: 'link' | 'inline';
  /** Media type of the file. */
  mediaType: string;
}

/** A GET of `url` through the client (credentials only for its own origin); rejects with its errors. */
export type FileRequest = (
  url: string,
  headers: Record<string, string | undefined>,
  signal: AbortSignal | undefined,
) => Promise<Response>;

/** What the client hands to the platform's downloader. */
export interface DownloadContext {
  jobId: string;
  results: JobResults;
  request: FileRequest;
  /** Absolute URL the server's relative links resolve against. */
  baseUrl: URL;
}

/** The platform's downloader (Node only). */
export type DownloadFunction = (
  context: DownloadContext,
  options: DownloadOptions,
) => Promise<DownloadedFile[]>;

// A transfer cut off in the middle is resumed from where it stopped, this many times.
const MAX_ATTEMPTS = 4;

const EXTENSIONS: Record<string, string> = {
  'application/json': '.json',
  'application/geo+json': '.geojson',
  'application/x-netcdf': '.nc',
  'application/netcdf': '.nc',
  'application/zip': '.zip',
  'application/x-zarr': '.zarr.zip',
  'application/pdf': '.pdf',
  'application/xml': '.xml',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'image/tiff': '.tif',
  'image/tiff; application=geotiff': '.tif',
  'text/csv': '.csv',
  'text/plain': '.txt',
  'text/html': '.html',
};

/** The file extension for a media type (`.bin` when unknown). */
export function extensionFor(mediaType: string | undefined): string {
  const type = (mediaType ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return EXTENSIONS[type] ?? EXTENSIONS[type.split(';')[0] ?? ''] ?? '.bin';
}

/**
 * A file name for output `output` with `extension`: letters, digits, `.`, `_` and `-` only, no
 * leading dot, so that no output id can name a path, a hidden file or `..`. `counter` (2, 3, …)
 * tells apart ids that map to the same name.
 */
export function safeFileName(output: string, extension: string, counter?: number): string {
  const stem = output.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.]+/, '_') || 'output';
  // The counter goes after the cut: ids that agree in their first 200 characters would otherwise
  // get the same name for every counter.
  return `${stem.slice(0, 200)}${counter === undefined ? '' : `-${counter}`}${extension}`;
}

/**
 * Writes the requested outputs of `results` into `options.dir`; see `AsyncClient.downloadResults`.
 * Every failure is a `ClientError`; one of the file system's is of type `ErrorType.fileSystem`.
 */
export async function downloadResultFiles(
  context: DownloadContext,
  options: DownloadOptions,
): Promise<DownloadedFile[]> {
  try {
    return await writeResultFiles(context, options);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    throw clientError(
      'fileSystem',
      `downloadResults: can't write ${JSON.stringify(error.path)}: ${error.message}; check that ${JSON.stringify(options.dir)} is a directory you may write to, with room for the results`,
      { operation: 'downloadResults', cause: error },
    );
  }
}

/** A failure of the file system (it names a path), not of the network. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).path === 'string';
}

async function writeResultFiles(
  context: DownloadContext,
  options: DownloadOptions,
): Promise<DownloadedFile[]> {
  const dir = resolve(options.dir);
  const { results } = context;
  const names = options.outputs ?? Object.keys(results);
  const missing = names.filter((name) => !Object.hasOwn(results, name));
  if (missing.length > 0) {
    throw clientError(
      'invalidArgument',
      `downloadResults: job ${context.jobId} has no output ${missing.map((m) => JSON.stringify(m)).join(', ')}; it has ${Object.keys(results).join(', ') || 'none'}`,
      { operation: 'downloadResults' },
    );
  }
  const targets = targetFiles(dir, names, results);
  // The files an earlier call for this job completed before it stopped are this job's results,
  // not files of the user's: they are neither in the way nor downloaded again.
  const progress = join(dir, `.${safeFileName(`s2gos-download-${context.jobId}`, '.json')}`);
  const done = await completedBefore(progress, dir);
  const pending = targets.filter(({ path }) => !done.has(path));
  if (!options.overwrite) await refuseExisting(pending.map(({ path }) => path));
  await mkdir(dir, { recursive: true });
  const written: DownloadedFile[] = [];
  for (const { output, path, value, link } of targets) {
    const earlier = done.get(path);
    if (earlier?.output === output) {
      written.push(earlier);
    } else if (link) {
      written.push(await downloadLink(context, output, link, path, options));
    } else {
      const text = `${JSON.stringify(value, null, 2)}\n`;
      await writeFile(`${path}.part`, text);
      await rename(`${path}.part`, path);
      const bytes = Buffer.byteLength(text);
      options.onProgress?.({ output, received: bytes, total: bytes });
      written.push({ output, path, bytes, source: 'inline', mediaType: 'application/json' });
    }
    if (written.length < targets.length) await writeFile(progress, JSON.stringify(written));
  }
  await rm(progress, { force: true });
  return written;
}

/**
 * The files listed in `progress` (written by an earlier call that stopped) that are still there,
 * whole, in `dir`, by path.
 */
async function completedBefore(
  progress: string,
  dir: string,
): Promise<Map<string, DownloadedFile>> {
  let listed: unknown;
  try {
    listed = JSON.parse(await readFile(progress, 'utf8'));
  } catch {
    listed = []; // none, or not ours to understand: nothing counts as done
  }
  const done = new Map<string, DownloadedFile>();
  for (const file of Array.isArray(listed) ? (listed as Partial<DownloadedFile>[]) : []) {
    if (typeof file?.path !== 'string' || resolve(file.path, '..') !== dir) continue;
    const size = await stat(file.path).then(
      ({ size }) => size,
      () => undefined,
    );
    if (size !== undefined && size === file.bytes) done.set(file.path, file as DownloadedFile);
  }
  return done;
}

/** Each output with the file it is written to. */
function targetFiles(dir: string, names: readonly string[], results: JobResults) {
  const used = new Set<string>();
  return names.map((output) => {
    const value = results[output];
    const link = asLink(value);
    const mediaType = link ? (link.type ?? undefined) : 'application/json';
    let name = safeFileName(output, extensionFor(mediaType));
    // Two ids may map to one name (`a/b` and `a_b`): the later one gets a counter.
    for (let n = 2; used.has(name); n++) name = safeFileName(output, extensionFor(mediaType), n);
    used.add(name);
    const path = join(dir, name);
    if (basename(path) !== name || resolve(path, '..') !== dir) {
      throw new Error(`downloadResults: refusing file name ${JSON.stringify(name)}`);
    }
    return { output, path, value, link };
  });
}

/** Throws, before anything is written, if any of `paths` exists. */
async function refuseExisting(paths: readonly string[]): Promise<void> {
  const found = await Promise.all(
    paths.map((path) =>
      lstat(path).then(
        () => path,
        () => '',
      ),
    ),
  );
  const existing = found.filter((path) => path !== '');
  if (existing.length === 0) return;
  const one = existing.length === 1;
  const listed = existing
    .slice(0, 3)
    .map((path) => JSON.stringify(path))
    .join(', ');
  const more = existing.length > 3 ? ` and ${existing.length - 3} more` : '';
  throw clientError(
    'invalidArgument',
    `downloadResults: ${one ? 'a file exists' : 'files exist'} where the results would go (${listed}${more}); pass overwrite: true (s2gos: --overwrite) to replace ${one ? 'it' : 'them'}, or choose another directory`,
    { operation: 'downloadResults' },
  );
}

interface LinkValue {
  href: string;
  type?: string | undefined;
}

function asLink(value: unknown): LinkValue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { href, type } = value as { href?: unknown; type?: unknown };
  if (typeof href !== 'string') return undefined;
  return { href, type: typeof type === 'string' ? type : undefined };
}

async function downloadLink(
  context: DownloadContext,
  output: string,
  link: LinkValue,
  path: string,
  options: DownloadOptions,
): Promise<DownloadedFile> {
  const url = new URL(link.href, context.baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw clientError(
      'invalidResponse',
      `downloadResults: output ${output} links to ${url.protocol} URL; only http(s) links are downloaded`,
      { operation: 'downloadResults' },
    );
  }
  // Credentials of the client go to its own origin only (the request adds them there).
  const sameOrigin = url.origin === context.baseUrl.origin;
  const noCredentials = sameOrigin
    ? {}
    : { authorization: undefined, cookie: undefined, 'proxy-authorization': undefined };
  const part = `${path}.part`;
  // The version the partial file came from (a strong ETag or Last-Modified) and the file's URL,
  // kept beside it so that a later call can resume it too. A validator is only unique per URL
  // (nginx's ETag is mtime and size): the URL keeps a partial file of another job's output with
  // this name, downloaded into the same directory, from being continued with this one's bytes.
  const versionFile = `${part}.version`;
  const source = `${url.origin}${url.pathname}`;
  let mediaType = link.type;
  for (let attempt = 1; ; attempt++) {
    const have = await sizeOf(part);
    const saved = have > 0 ? await readFile(versionFile, 'utf8').catch(() => '') : '';
    const [savedVersion = '', savedSource] = saved.split('\n');
    const version = savedSource === source ? savedVersion : '';
    const headers: Record<string, string | undefined> = { ...noCredentials, accept: '*/*' };
    // A partial file is continued only with the version it came from: `If-Range` makes the
    // server send the whole file instead when the file changed, so no two versions are mixed.
    if (version) Object.assign(headers, { range: `bytes=${have}-`, 'if-range': version });
    const response = await context.request(url.href, headers, options.signal).catch((error) => {
      // 416: the part is not shorter than the file (it was complete when a run stopped before
      // the rename): it starts over rather than fail every later call the same way.
      if (version && isClientError(error) && error.status === 416) return undefined;
      throw error;
    });
    if (response === undefined) {
      await rm(part, { force: true });
      continue;
    }
    // 206 from where the part ends continues it; anything else is the whole file again.
    const resumed =
      version !== '' && response.status === 206 && contentRangeStart(response) === have;
    if (!resumed) await keepVersion(versionFile, response, source);
    let received = resumed ? have : 0;
    const total = totalSize(response, received);
    mediaType ??= response.headers.get('content-type') ?? undefined;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        options.onProgress?.({ output, received, total });
        callback(null, chunk);
      },
    });
    try {
      if (response.body === null) throw new Error('the response has no body');
      // A cut ends the source cleanly, so the file keeps every byte received before it (a
      // pipeline would drop what the file had not yet written) and the resume asks for the rest.
      let cut: unknown;
      const untilCut = async function* (body: Readable) {
        try {
          yield* body;
        } catch (error) {
          cut = error;
        }
      };
      await pipeline(
        untilCut(Readable.fromWeb(response.body as NodeReadableStream)),
        counter,
        createWriteStream(part, { flags: resumed ? 'a' : 'w' }),
        { signal: options.signal },
      );
      if (cut !== undefined) throw cut;
    } catch (error) {
      // A file that cannot be written will not be written by trying again.
      if (isFileSystemError(error)) throw error;
      if (options.signal?.aborted || attempt === MAX_ATTEMPTS || isClientError(error)) {
        throw clientError(
          options.signal?.aborted ? 'aborted' : 'network',
          `downloadResults: the transfer of output ${output} from ${url.origin}${url.pathname} stopped after ${received} bytes (${(error as Error).message}); calling downloadResults again resumes it`,
          {
            operation: 'downloadResults',
            method: 'GET',
            url: `${url.origin}${url.pathname}`,
            cause: error,
          },
        );
      }
      continue;
    }
    if (total !== undefined && received !== total) {
      if (attempt === MAX_ATTEMPTS) {
        throw clientError(
          'network',
          `downloadResults: output ${output} ended after ${received} of ${total} bytes; calling downloadResults again resumes it`,
          { operation: 'downloadResults' },
        );
      }
      continue;
    }
    await rename(part, path);
    await rm(versionFile, { force: true });
    return {
      output,
      path,
      bytes: received,
      source: 'link',
      mediaType: mediaType ?? 'application/octet-stream',
    };
  }
}

/**
 * Writes the version `response` identifies its file by, and the file's `source` URL, to `file`
 * (one per line), or removes `file` if there is no version.
 */
async function keepVersion(file: string, response: Response, source: string): Promise<void> {
  const etag = response.headers.get('etag');
  // A weak ETag cannot be used in If-Range (RFC 9110, 13.1.5).
  const version = etag && !etag.startsWith('W/') ? etag : response.headers.get('last-modified');
  if (version) await writeFile(file, `${version}\n${source}`);
  else await rm(file, { force: true });
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function contentRangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The whole file's size: from `Content-Range` of a 206, else `Content-Length`. */
function totalSize(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  if (response.status === 206 && range) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length === null ? undefined : offset + Number(length);
}
