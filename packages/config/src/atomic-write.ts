import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Replaces `target` with `data` so that readers (and a crash) see either the old or the new file,
 * never a partial one: a temporary file in the same folder (so the rename cannot cross file systems),
 * created with `mode`, flushed to disk, then renamed over the target. On failure the temporary file is
 * removed and the target is untouched.
 */
export function writeFileAtomicSync(target: string, data: string, mode: number): void {
  const folder = path.dirname(target);
  const temp = path.join(
    folder,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    // 'wx': never follow or reuse an existing file; the mode applies from the first byte.
    fd = fs.openSync(temp, 'wx', mode);
    fs.writeFileSync(fd, data, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(folder);
}

// Makes the rename itself durable. Best effort: Windows cannot open a folder for syncing.
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // The data is written and renamed; only durability across a power cut is weaker.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
