/** The width the lines of a comment are wrapped to, its indentation and ` * ` included. */
const WIDTH = 100;

/**
 * A TSDoc block for generated code, its long lines wrapped (unless `wrapLines` is false, e.g. for
 * a command to copy). Its text comes from a server, so nothing in it may end the comment early.
 */
export function docComment(text: string, indent = '', wrapLines = true): string {
  const width = WIDTH - indent.length - 3;
  const lines = text
    .replaceAll('*/', '*\\/')
    .split('\n')
    .flatMap((line) => (wrapLines ? wrap(line, width) : [line]));
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  const body = lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n');
  return `${indent}/**\n${body}\n${indent} */\n`;
}

/** Wraps `line` at spaces to lines of at most `width` characters (a longer word stays whole). */
export function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  lines.push(current);
  return lines;
}
