import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('examples', () => {
  it('custom-process.mjs runs a registered process and exits', async () => {
    // The example imports `@s2gos/server` by name, so it runs against the built dist.
    const { stdout } = await run(process.execPath, ['examples/custom-process.mjs'], {
      cwd: packageDir,
      timeout: 25_000,
    });
    expect(stdout).toContain("sync 200 { greeting: 'Hello Ada!' }");
    expect(stdout).toContain("async { greeting: 'Hello Grace! Hello Grace! Hello Grace!' }");
    expect(stdout).toMatch(/invalid 400 .*inputs\.name: is required; inputs\.times: must be >= 1/);
  });
});
