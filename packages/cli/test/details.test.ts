/** The CLI details of issue 13: YAML for PyYAML, `-f simple`, tables, `-i` values, templates. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allOutput, makeHome, removeHome, s2gos } from './cli.js';
import { TEST_TOKEN } from './global-setup.js';
import { readWithPyYaml, requirePyYaml } from './pyyaml.js';

const serverUrl = inject('cliServerUrl');
let home: string;

async function ok(args: string[]): Promise<string> {
  const result = await s2gos(home, args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  requirePyYaml();
  home = makeHome();
  await ok(['configure', '-s', serverUrl, '-t', TEST_TOKEN]);
});

afterAll(() => {
  expect(allOutput()).not.toContain(TEST_TOKEN);
  removeHome(home);
});

describe('YAML output', () => {
  it('reads back in PyYAML as the same values as the JSON output', async () => {
    const value = ['no', 'on', 'yes', 'y', 'off', '2026-11-30', '1:20', '.inf', '~', '=', 1e-7];
    const args = ['ep', 'echo', '-i', `value=${JSON.stringify(value)}`, '--wait'];
    const yaml = await ok(args);
    expect(readWithPyYaml(yaml)).toEqual({ value });
    expect(JSON.parse(await ok([...args, '-f', 'json']))).toEqual({ value });
  });

  it('keeps dates of jobs and templates strings for PyYAML', async () => {
    const jobs = await ok(['lj', '--limit', '3']);
    const list = readWithPyYaml(jobs) as { jobs: { created: unknown }[] };
    expect(list.jobs.length).toBeGreaterThan(0);
    for (const job of list.jobs) expect(job.created).toEqual(expect.any(String));
    const template = await ok(['cr', 'scene_link']);
    expect(readWithPyYaml(template)).toEqual(parseYaml(template));
    expect((parseYaml(template) as { inputs: { start_date: unknown } }).inputs.start_date).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
  });
});

describe('formats', () => {
  it('accepts -f simple, the Python name of the table', async () => {
    expect(await ok(['lp', '-f', 'simple'])).toBe(await ok(['lp', '-f', 'table']));
    expect(await ok(['lp', '-f', 'simple'])).toMatch(/^ID\s+VERSION\s+TITLE\n/);
  });

  it('says that an empty list is empty', async () => {
    expect(await ok(['lj', '--process', 'no_such_process', '-f', 'table'])).toBe('No jobs.\n');
  });

  it('shows the inputs of a process as a table', async () => {
    const table = await ok(['gp', 'primes_between', '-f', 'table']);
    expect(table).toMatch(/^id\s+primes_between$/m);
    expect(table).toMatch(/^INPUT\s+TYPE\s+REQUIRED\s+DEFAULT\s+BOUNDS\/ENUM\s+TITLE$/m);
    expect(table).toMatch(
      /^min_val\s+integer\s+no\s+0\s+0 <= value <= 1000000\s+Minimum value of the search range$/m,
    );
    expect(table).toMatch(/^OUTPUT\s+TYPE\s+TITLE$/m);
    expect(table).toMatch(/^primes\s+integer\[\]\s+Prime numbers$/m);
    const scene = await ok(['gp', 'scene_link', '-f', 'table']);
    expect(scene).toMatch(/^bbox\s+object \(ogc-bbox\)\s+yes\s+Bounding box$/m);
    expect(scene).toMatch(/^start_date\s+string \(date\)\s+yes\s+Start date$/m);
  });
});

describe('-i NAME=VALUE', () => {
  it('refuses a value that starts like JSON but does not parse', async () => {
    for (const value of ['[1, 2', '{"a": 1', '"open']) {
      const result = await s2gos(home, ['ep', 'echo', '-i', `value=${value}`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^Error: invalid input 'value=.*starts like JSON but does not parse/,
      );
    }
  });

  it('collects a name given more than once into a list', async () => {
    const args = ['ep', 'echo', '-i', 'value=a', '-i', 'value=b', '-i', 'value=[3]'];
    expect(JSON.parse(await ok([...args, '--wait', '-f', 'json']))).toEqual({
      value: ['a', 'b', [3]],
    });
  });
});

describe('create-request', () => {
  it('writes a comment per input: title, type, bounds, default', async () => {
    expect(await ok(['cr', 'primes_between'])).toBe(
      [
        'process_id: primes_between',
        'inputs:',
        '  # Minimum value of the search range: integer, optional',
        '  # 0 <= value <= 1000000; default: 0',
        '  min_val: 0',
        '  # Maximum value of the search range: integer, optional',
        '  # 0 <= value <= 1000000; default: 100',
        '  max_val: 100',
        '',
      ].join('\n'),
    );
  });

  it('fills a bounding box with a valid, non-empty box', async () => {
    const text = await ok(['cr', 'scene_link']);
    expect(text).toContain('  # Bounding box: object (ogc-bbox), required\n  bbox:\n');
    const { inputs } = parseYaml(text) as { inputs: { bbox: { bbox: number[] } } };
    const [west, south, east, north] = inputs.bbox.bbox as [number, number, number, number];
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
    const file = join(home, 'scene.yaml');
    writeFileSync(file, text);
    const checked = await s2gos(home, ['vr', '-r', file]);
    expect(checked.code, checked.stderr).toBe(0);
  });
});
