import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { APP_CONFIG_PATH, type AppConfig } from './app-config.js';
import { appDirectory } from './app-directory.js';

/** A file of the built app, ready to be sent. */
export interface AppFile {
  readonly body: Uint8Array;
  /** The `Content-Type` header. */
  readonly contentType: string;
  /** The `Cache-Control` header: hashed assets are immutable, everything else is revalidated. */
  readonly cacheControl: string;
}

/** The built app's files by URL path (`/`, `/index.html`, `/assets/index-1a2b3c.js`, ...). */
export interface AppFiles {
  /** The file for a URL path below where the app is mounted; `/` is `index.html`. */
  get(path: string): AppFile | undefined;
}

/** Thrown by {@link loadAppFiles} when the app has not been built. */
export class AppNotBuiltError extends Error {
  override readonly name = 'AppNotBuiltError';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Options of {@link loadAppFiles}. */
export interface LoadAppFilesOptions {
  /** The built app; default {@link appDirectory}. */
  directory?: string;
  /** What the app is told about its server, served at {@link APP_CONFIG_PATH}; default none. */
  config?: AppConfig;
}

/**
 * Reads the built app into memory (it is small) and serves its files by URL path. Only the files
 * found here can ever be served, so no request path can reach outside the app's directory.
 *
 * @throws AppNotBuiltError when the directory holds no `index.html`
 */
export async function loadAppFiles(options: LoadAppFilesOptions = {}): Promise<AppFiles> {
  const { directory = appDirectory, config } = options;
  let names: string[];
  try {
    names = await readdir(directory, { recursive: true });
  } catch {
    names = [];
  }
  const files = new Map<string, AppFile>();
  for (const name of names) {
    const type = CONTENT_TYPES[extname(name)];
    if (type === undefined) continue;
    const path = `/${relative(directory, join(directory, name)).split(sep).join('/')}`;
    files.set(path, {
      body: await readFile(join(directory, name)),
      contentType: type,
      cacheControl: path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
  }
  const index = files.get('/index.html');
  if (index === undefined) {
    throw new AppNotBuiltError(
      `The web app is not built (no index.html in ${directory}): run 'pnpm build' in packages/app.`,
    );
  }
  files.set('/', index);
  if (config) {
    files.set(APP_CONFIG_PATH, {
      body: new TextEncoder().encode(JSON.stringify(config)),
      contentType: CONTENT_TYPES['.json'] as string,
      cacheControl: 'no-store',
    });
  }
  return { get: (path) => files.get(path) };
}
