/** The HTTP log's URLs: no user info, secret-looking query values masked. */
import { describe, expect, it } from 'vitest';
import { debugLogFromEnv, loggableUrl } from '../src/debug-log.js';

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
