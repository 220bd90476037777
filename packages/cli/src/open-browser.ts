import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Opens `url` in the default browser without putting it on a command line: a command line is
 * visible to every local user (`ps`), and `url` carries a secret. The browser gets a private
 * file (mode 0600 in a 0700 directory) that redirects to `url`; it is removed by the returned
 * function. Resolves `false` when no browser could be started.
 */
export async function openBrowser(url: string): Promise<{ opened: boolean; cleanup: () => void }> {
  const directory = mkdtempSync(join(tmpdir(), 's2gos-app-'));
  const cleanup = () => rmSync(directory, { recursive: true, force: true });
  const file = join(directory, 'open.html');
  const target = JSON.stringify(url).replaceAll('<', '\\u003c');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><title>s2gos app</title><meta name="referrer" content="no-referrer"><script>location.replace(${target})</script>`,
    { mode: 0o600 },
  );
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [file]]
      : process.platform === 'win32'
        ? ['explorer.exe', [file]]
        : ['xdg-open', [file]];
  const opened = await new Promise<boolean>((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
  return { opened, cleanup };
}
