/**
 * `instanceof ClientError` / `TransportError` holds across the ESM and CommonJS builds loaded in
 * one process (a brand, like `ConfigError`'s), so an error from either build is recognised by the
 * other build's class. Runs the built `dist` in a plain Node process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('errors thrown by one build are instances of the other build’s classes', async () => {
  const script = fileURLToPath(new URL('./fixtures/dual-build.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 20_000 });
  expect(JSON.parse(stdout)).toEqual({
    distinctClasses: true,
    cjsClientIsEsmClient: true,
    cjsClientIsEsmTransport: false,
    cjsTransportIsEsmTransport: true,
    cjsTransportIsEsmClient: true,
    cjsClientIsEsmException: true,
    esmClientIsCjsClient: true,
    esmTransportIsCjsTransport: true,
    esmClientIsCjsTransport: false,
    plainErrorIsClient: false,
    lookalikeIsClient: false,
    customIsCustom: true,
    clientIsCustom: false,
  });
});
