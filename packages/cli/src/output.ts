import { stringify as toYaml } from 'yaml';
import { isRecord } from './values.js';

/** The output formats of `-f/--format`. */
export const OUTPUT_FORMATS = ['yaml', 'json', 'table'] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a document is, which decides its table layout and its default format. */
export type DocumentKind = 'process-list' | 'job-list' | 'document';

interface Column {
  header: string;
  value: (row: Record<string, unknown>) => unknown;
}

const COLUMNS: Record<Exclude<DocumentKind, 'document'>, { rows: string; columns: Column[] }> = {
  'process-list': {
    rows: 'processes',
    columns: [
      { header: 'ID', value: (p) => p.id },
      { header: 'VERSION', value: (p) => p.version },
      { header: 'TITLE', value: (p) => p.title },
    ],
  },
  'job-list': {
    rows: 'jobs',
    columns: [
      { header: 'JOB ID', value: (j) => j.jobID },
      { header: 'PROCESS', value: (j) => j.processID },
      { header: 'STATUS', value: (j) => j.status },
      {
        header: 'PROGRESS',
        value: (j) => (typeof j.progress === 'number' ? `${j.progress}%` : ''),
      },
      { header: 'CREATED', value: (j) => j.created },
      { header: 'MESSAGE', value: (j) => j.message },
    ],
  },
};

const MAX_CELL_WIDTH = 60;

/**
 * The format to use: the one asked for, else a table for lists on a terminal and YAML otherwise
 * (as the Python tool does).
 */
export function chooseFormat(
  requested: OutputFormat | undefined,
  kind: DocumentKind,
  stdoutIsTTY: boolean,
): OutputFormat {
  if (requested) return requested;
  return kind !== 'document' && stdoutIsTTY ? 'table' : 'yaml';
}

/** Renders a document as text ending with a newline. */
export function formatDocument(
  document: unknown,
  format: OutputFormat,
  kind: DocumentKind,
  options: { color?: boolean } = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(document, null, 2)}\n`;
    case 'yaml':
      // lineWidth 0: never fold long strings (tracebacks, URLs) over several lines.
      return toYaml(document, { lineWidth: 0 });
    case 'table':
      return formatTable(document, kind, options.color ?? false);
  }
}

function formatTable(document: unknown, kind: DocumentKind, color: boolean): string {
  if (!isRecord(document)) return `${cellText(document)}\n`;
  if (kind !== 'document') {
    const layout = COLUMNS[kind];
    const rows = document[layout.rows];
    if (Array.isArray(rows)) {
      return renderTable(
        layout.columns.map((c) => c.header),
        rows.map((row) => layout.columns.map((c) => cellText(isRecord(row) ? c.value(row) : row))),
        color,
      );
    }
  }
  return renderTable(
    ['FIELD', 'VALUE'],
    Object.entries(document)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, cellText(value)]),
    color,
  );
}

function renderTable(headers: string[], rows: string[][], color: boolean): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const head = line(headers);
  return `${[color ? `\u001b[1m${head}\u001b[22m` : head, ...rows.map(line)].join('\n')}\n`;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL_WIDTH ? `${flat.slice(0, MAX_CELL_WIDTH - 1)}…` : flat;
}
