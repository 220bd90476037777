import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { stringifyYaml } from '../src/yaml.js';
import { readWithPyYaml, requirePyYaml } from './pyyaml.js';

beforeAll(requirePyYaml);

// Strings that YAML 1.1 (PyYAML) or 1.2 would read as something else when written plainly.
const STRINGS = [
  ...['no', 'No', 'NO', 'n', 'N', 'yes', 'Yes', 'y', 'Y', 'on', 'On', 'off', 'OFF'],
  ...['true', 'False', '~', 'null', 'Null', '', ' ', 'x ', ' x'],
  ...['2026-11-30', '2026-11-30T10:00:00Z', '2026-11-30T17:00:00.123Z', '2026-11-30 10:00:00'],
  ...['190:20:30', '1:20', '-1:20.5', '.inf', '-.Inf', '+.inf', '.nan', '.NaN'],
  ...['0755', '0o17', '0b101', '0x1F', '1_000', '1e5', '12e03', '1.0e+3', '685.230_15e+03'],
  ...['1.', '.5', '-0', '+1', '0.', '=', '<<', '- a', 'a: b', '#x', 'x #y', '@x', '`x', '!x'],
  ...['&x', '*x', '%x', "'", '"', '|', '>', '?', '? x', '[a]', '{a}', '---', '...', '-', '.'],
  ...['a\u2028b', 'a\u0085b', 'a\tb', '\t', 'x\n', 'one\ntwo  \n', 'end\n\n\n', 'a\r\nb'],
  ...['a\u0000b', 'a\u0007b', 'a\u007fb', 'a\u009fb', 'a\ufffeb', '\ufeffbom', '😀', 'é'],
];

const NUMBERS = [
  0, -0, 42, -3.25, 0.1, 1e-7, 2.5e-5, 1e21, 1.5e300, 5e-324, 1.7976931348623157e308,
];

describe('stringifyYaml', () => {
  const document = {
    strings: STRINGS,
    numbers: NUMBERS,
    keys: Object.fromEntries(STRINGS.map((s) => [s, s])),
    nested: [[{ a: ['no', 1e-9, true, null] }], {}, []],
  };

  it('writes what PyYAML reads back as the same values', () => {
    const text = stringifyYaml(document);
    expect(readWithPyYaml(text)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('writes what the yaml package reads back as the same values', () => {
    expect(parseYaml(stringifyYaml(document))).toEqual(document);
  });

  it('keeps plain style where nothing can be misread, and never folds long lines', () => {
    expect(stringifyYaml({ a: 'z'.repeat(200), b: [1], c: 'hello world' })).toBe(
      `a: ${'z'.repeat(200)}\nb:\n  - 1\nc: hello world\n`,
    );
  });

  it('writes comments above keys, by path, readable by both parsers', () => {
    const text = stringifyYaml(
      { inputs: { a: 1, b: 'no' } },
      { 'inputs.b': 'B: string\nsecond line \u007f\rthird\u2028', 'inputs.missing': 'never shown' },
    );
    expect(text).toBe('inputs:\n  a: 1\n  # B: string\n  # second line ?\n  # third?\n  b: "no"\n');
    expect(readWithPyYaml(text)).toEqual({ inputs: { a: 1, b: 'no' } });
  });
});
