import { summariseInput } from './schema-summary.js';
import { isRecord } from './values.js';
import { stringifyYaml, type YamlComments } from './yaml.js';

/** The output formats of `-f/--format`; `simple` is the Python tool's name for the table. */
export const OUTPUT_FORMATS = ['yaml', 'json', 'table', 'simple'] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * What a document is, which decides its table layout and its default format. A process
 * description's table lists its inputs and outputs.
 */
export type DocumentKind = 'process-list' | 'job-list' | 'process' | 'document';

type ListKind = 'process-list' | 'job-list';

interface Column {
  header: string;
  value: (row: Record<string, unknown>) => unknown;
}

const COLUMNS: Record<ListKind, { rows: string; empty: string; columns: Column[] }> = {
  'process-list': {
    rows: 'processes',
    empty: 'No processes.',
    columns: [
      { header: 'ID', value: (p) => p.id },
      { header: 'VERSION', value: (p) => p.version },
      { header: 'TITLE', value: (p) => p.title },
    ],
  },
  'job-list': {
    rows: 'jobs',
    empty: 'No jobs.',
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
  if (requested) return requested === 'simple' ? 'table' : requested;
  return isList(kind) && stdoutIsTTY ? 'table' : 'yaml';
}

/** Renders a document as text ending with a newline. */
export function formatDocument(
  document: unknown,
  format: OutputFormat,
  kind: DocumentKind,
  options: { color?: boolean; comments?: YamlComments } = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(document, null, 2)}\n`;
    case 'yaml':
      return stringifyYaml(document, options.comments);
    case 'table':
    case 'simple':
      return formatTable(document, kind, options.color ?? false);
  }
}

function isList(kind: DocumentKind): kind is ListKind {
  return kind === 'process-list' || kind === 'job-list';
}

function formatTable(document: unknown, kind: DocumentKind, color: boolean): string {
  if (!isRecord(document)) return `${cellText(document)}\n`;
  if (isList(kind)) {
    const layout = COLUMNS[kind];
    const rows = document[layout.rows];
    if (Array.isArray(rows)) {
      if (rows.length === 0) return `${layout.empty}\n`;
      return renderTable(
        layout.columns.map((c) => c.header),
        rows.map((row) => layout.columns.map((c) => cellText(isRecord(row) ? c.value(row) : row))),
        color,
      );
    }
  }
  if (kind === 'process') return formatProcessTables(document, color);
  return fieldTable(document, color);
}

function fieldTable(document: Record<string, unknown>, color: boolean): string {
  return renderTable(
    ['FIELD', 'VALUE'],
    Object.entries(document)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, cellText(value)]),
    color,
  );
}

/** A process description: its fields, then a table of its inputs and one of its outputs. */
function formatProcessTables(description: Record<string, unknown>, color: boolean): string {
  const { inputs, outputs, links: _links, ...fields } = description;
  const inputRows = Object.entries(isRecord(inputs) ? inputs : {}).map(([name, input]) => {
    const summary = summariseInput(isRecord(input) ? input : {});
    return [
      name,
      summary.type,
      summary.required ? 'yes' : 'no',
      summary.default ?? '',
      summary.constraints,
      cellText(summary.title),
    ];
  });
  const outputRows = Object.entries(isRecord(outputs) ? outputs : {}).map(([name, output]) => {
    const parameter = isRecord(output) ? output : {};
    return [name, summariseInput(parameter).type, cellText(parameter.title)];
  });
  return [
    fieldTable(fields, color),
    inputRows.length === 0
      ? 'No inputs.\n'
      : renderTable(
          ['INPUT', 'TYPE', 'REQUIRED', 'DEFAULT', 'BOUNDS/ENUM', 'TITLE'],
          inputRows,
          color,
        ),
    outputRows.length === 0
      ? 'No outputs.\n'
      : renderTable(['OUTPUT', 'TYPE', 'TITLE'], outputRows, color),
  ].join('\n');
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
