import { describe, expect, it } from 'vitest';
import { docComment } from '../src/generate/doc-comment.js';
import { CLIENT_MEMBERS, className, processNames } from '../src/generate/names.js';

describe('className', () => {
  it('makes NAME a PascalCase class name ending in Client', () => {
    expect(className('demo')).toBe('DemoClient');
    expect(className('my-server_2')).toBe('MyServer2Client');
    expect(className('EsaClient')).toBe('EsaClient');
    expect(className('s2gos')).toBe('S2gosClient');
  });

  it('gives nothing for a NAME without a leading letter', () => {
    expect(className('42')).toBeUndefined();
    expect(className('--')).toBeUndefined();
  });
});

describe('processNames', () => {
  it('camelCases ids and derives the start method and the types', () => {
    expect(processNames(['primes_between'], CLIENT_MEMBERS).get('primes_between')).toEqual({
      run: 'primesBetween',
      start: 'startPrimesBetween',
      inputs: 'PrimesBetweenInputs',
      outputs: 'PrimesBetweenOutputs',
    });
    const names = processNames(['getHTTPData', 'sleep-a-while'], []);
    expect(names.get('getHTTPData')?.run).toBe('getHTTPData');
    expect(names.get('sleep-a-while')?.start).toBe('startSleepAWhile');
  });

  it('keeps clear of client members, keywords aside, and of each other', () => {
    const names = processNames(
      ['a-b', 'a_b', 'get_job', 'start_x', 'x', '3d', '', 'class'],
      [...CLIENT_MEMBERS],
    );
    expect([...names.values()].map(({ run, start }) => [run, start])).toEqual([
      ['aB', 'startAB'],
      ['aB2', 'startAB2'],
      ['getJob2', 'startGetJob2'],
      ['startX', 'startStartX'],
      ['x2', 'startX2'],
      ['process3d', 'startProcess3d'],
      ['process', 'startProcess'],
      ['class', 'startClass'],
    ]);
  });
});

describe('docComment', () => {
  it('keeps text from a server from ending the comment', () => {
    expect(docComment('a */ b')).toBe('/** a *\\/ b */\n');
  });

  it('wraps long lines at spaces, indented', () => {
    const text = docComment(`${'word '.repeat(30).trim()}\n\n@param x - y`, '  ');
    const lines = text.split('\n');
    expect(lines[0]).toBe('  /**');
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(lines).toContain('   *');
    expect(lines.at(-2)).toBe('   */');
  });
});
