import type { Hono } from 'hono';
import type { StaticFiles } from '../options.js';

/** `GET /app/...`: the web app's files; `/app` redirects to `/app/` so relative URLs resolve. */
export function appRoutes(app: Hono, files: StaticFiles): void {
  app.on('GET', ['/app', '/app/*'], (c, next) => {
    // The router ignores trailing slashes (`c.req.path` too); the URL keeps them.
    const path = new URL(c.req.url).pathname;
    if (path === '/app') return c.redirect('/app/', 301);
    const file = files.get(path.slice('/app'.length));
    if (!file) return next();
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'cache-control': file.cacheControl,
      'x-content-type-options': 'nosniff',
    });
  });
}
