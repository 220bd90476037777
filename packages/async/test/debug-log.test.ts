/** The HTTP log: its URLs (no user info, secret-looking query values masked) and its memory. */
import type { NormalizedOptions } from 'ky';
import { describe, expect, it } from 'vitest';
import { debugLogFromEnv, debugLogHooks, loggableUrl } from '../src/debug-log.js';

describe('loggableUrl', () => {
  it('masks user info and secret query parameters, keeps the rest', () => {
    expect(
      loggableUrl('https://me:pw@host.example/jobs?limit=5&access_token=abc&api_key=k&status=x'),
    ).toBe('https://host.example/jobs?limit=5&access_token=***&api_key=***&status=x');
  });
});

describe('debugLogFromEnv', () => {
  it('is on for S2GOS_DEBUG=1, off when unset, 0 or false', () => {
    expect(debugLogFromEnv({ S2GOS_DEBUG: '1' })).toBeTypeOf('function');
    for (const value of [undefined, '', '0', 'false']) {
      expect(debugLogFromEnv({ S2GOS_DEBUG: value })).toBeUndefined();
    }
  });
});

describe('debugLogHooks', () => {
  it('remembers a bounded number of start times: requests without a response do not pile up', () => {
    const lines: string[] = [];
    const hooks = debugLogHooks(
      (line) => lines.push(line),
      (text) => text,
    );
    const options = {} as NormalizedOptions;
    const requestTo = (n: number) => new Request(`http://127.0.0.1:9/jobs/${n}`);
    // 10,000 requests that failed before any response (network errors): each left its start.
    for (let n = 0; n < 10_000; n++)
      hooks.beforeRequest?.[0]?.(requestTo(n), options, { retryCount: 0 });
    const respond = (n: number) => {
      hooks.afterResponse?.[0]?.(requestTo(n), options, new Response(null, { status: 200 }), {
        retryCount: 0,
      });
      return lines.at(-1);
    };
    expect(respond(9_999)).toMatch(
      /^\[s2gos\] ← 200 GET http:\/\/127\.0\.0\.1:9\/jobs\/9999 in \d+ ms$/,
    );
    expect(respond(0)).toBe('[s2gos] ← 200 GET http://127.0.0.1:9/jobs/0');
  });
});
