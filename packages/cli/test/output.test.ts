import { describe, expect, it } from 'vitest';
import { chooseFormat, formatDocument } from '../src/output.js';

describe('chooseFormat', () => {
  it('defaults to tables for lists on a terminal and YAML otherwise', () => {
    expect(chooseFormat(undefined, 'job-list', true)).toBe('table');
    expect(chooseFormat(undefined, 'process-list', false)).toBe('yaml');
    expect(chooseFormat(undefined, 'document', true)).toBe('yaml');
    expect(chooseFormat('json', 'job-list', true)).toBe('json');
  });
});

describe('formatDocument', () => {
  const jobs = {
    jobs: [
      { jobID: 'j1', processID: 'p', status: 'running', progress: 40, message: 'line1\nline2' },
      { jobID: 'job-2', status: 'accepted' },
    ],
    links: [],
  };

  it('renders job lists as aligned columns, one line per job', () => {
    expect(formatDocument(jobs, 'table', 'job-list')).toBe(
      [
        'JOB ID  PROCESS  STATUS    PROGRESS  CREATED  MESSAGE',
        'j1      p        running   40%                line1 line2',
        'job-2            accepted',
        '',
      ].join('\n'),
    );
  });

  it('bolds the header only with colour', () => {
    const [header] = formatDocument(jobs, 'table', 'job-list', { color: true }).split('\n');
    expect(header?.startsWith('\u001b[1mJOB ID ')).toBe(true);
    expect(header?.endsWith('MESSAGE\u001b[22m')).toBe(true);
  });

  it('renders documents as FIELD/VALUE tables with JSON for nested values, shortened', () => {
    const text = formatDocument(
      { id: 'x', list: [1, 2], long: 'y'.repeat(100) },
      'table',
      'document',
    );
    expect(text.split('\n')).toEqual([
      'FIELD  VALUE',
      'id     x',
      'list   [1,2]',
      `long   ${'y'.repeat(59)}…`,
      '',
    ]);
  });

  it('renders JSON and YAML without folding long lines', () => {
    const document = { a: 'z'.repeat(200), b: [1] };
    expect(JSON.parse(formatDocument(document, 'json', 'document'))).toEqual(document);
    expect(formatDocument(document, 'yaml', 'document')).toBe(`a: ${'z'.repeat(200)}\nb:\n  - 1\n`);
  });
});
