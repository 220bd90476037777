import { describe, expect, it } from 'vitest';
import { buildUrl, displayUrl, parseServerUrl } from '../src/url.js';

describe('parseServerUrl', () => {
  it.each([
    ['http://h:1', 'http://h:1/'],
    ['http://h/api/v1', 'http://h/api/v1/'],
    ['https://h/api/v1/', 'https://h/api/v1/'],
    ['http://h/api?x=1#y', 'http://h/api/'],
  ])('%s has the base %s', (input, base) => {
    expect(parseServerUrl(input).href).toBe(base);
  });

  it.each(['h:1', 'ftp://h/', 'http://user:secret@h/', ''])('refuses %j', (input) => {
    expect(() => parseServerUrl(input)).toThrow(TypeError);
  });
});

describe('buildUrl', () => {
  const base = parseServerUrl('http://h/api/v1/');

  it('keeps the base path and encodes each parameter as one segment', () => {
    expect(buildUrl(base, 'jobs/{jobId}/results', { jobId: '../x?y#z' })).toBe(
      'http://h/api/v1/jobs/..%2Fx%3Fy%23z/results',
    );
    expect(buildUrl(base, '', {})).toBe('http://h/api/v1/');
  });

  it.each([['a b'], ["it's (1)*!~"], ['é/ü'], ['%41%'], ['\\\t"<>`{}|^'], ['...'], ['@:;=&+$,[]']])(
    'builds what the URL parser would, without parsing: %j',
    (value) => {
      const url = buildUrl(base, 'jobs/{jobId}', { jobId: value }, { q: value });
      expect(new URL(url).href).toBe(url);
      expect(decodeURIComponent(new URL(url).pathname.split('/')[4] ?? '')).toBe(value);
    },
  );

  it('adds query parameters, repeating arrays and skipping undefined', () => {
    const url = buildUrl(
      base,
      'jobs',
      {},
      { status: ['running', 'failed'], limit: 5, x: undefined },
    );
    expect(new URL(url).search).toBe('?status=running&status=failed&limit=5');
  });

  it.each([[''], ['.'], ['..'], [42]])('refuses the parameter %j', (value) => {
    expect(() => buildUrl(base, 'jobs/{jobId}', { jobId: value })).toThrow(/jobId/);
  });
});

describe('displayUrl', () => {
  it('masks query values that look like secrets', () => {
    expect(displayUrl('http://h/x?access_token=abc&limit=2')).toBe(
      'http://h/x?access_token=****&limit=2',
    );
  });
});
