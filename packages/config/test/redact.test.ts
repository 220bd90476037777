import { describe, expect, it } from 'vitest';
import { redactConfig, redactToken } from '../src/index.js';

describe('redactToken', () => {
  it('shows **** and the last 4 characters', () => {
    expect(redactToken('0123456789abcdef')).toBe('****cdef');
    expect(redactToken('12345678')).toBe('****5678');
  });

  it('hides short tokens completely', () => {
    expect(redactToken('1234567')).toBe('****');
    expect(redactToken('abcd')).toBe('****');
    expect(redactToken('')).toBe('****');
  });
});

describe('redactConfig', () => {
  it('returns a copy with the token redacted', () => {
    const config = {
      serverUrl: 'http://127.0.0.1:8008',
      userName: 'bibo',
      accessToken: 'secret-token-4711',
    };
    const redacted = redactConfig(config);
    expect(redacted).toEqual({ ...config, accessToken: '****4711' });
    expect(config.accessToken).toBe('secret-token-4711');
    expect(JSON.stringify(redacted)).not.toContain('secret');
  });

  it('copies a config without a token unchanged', () => {
    const config = { serverUrl: 'http://127.0.0.1:8008' };
    const redacted = redactConfig(config);
    expect(redacted).toEqual(config);
    expect(redacted).not.toBe(config);
  });
});
