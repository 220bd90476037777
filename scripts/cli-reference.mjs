#!/usr/bin/env node
// Writes docs/generated/cli-commands.md, the API reference's page on the `s2gos` command, from the
// help texts of the built CLI (`pnpm run docs` runs it before TypeDoc): what `s2gos --help` and
// `s2gos <command> --help` print is what the page shows, so the two cannot drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createProgram } = await import(
  pathToFileURL(join(root, 'packages/cli/dist/index.js')).href
);

const program = createProgram();
const help = (command) => command.helpInformation() + helpAfter(command);
// `addHelpText('after', ...)` texts (examples, exit codes) are printed on the help event only.
function helpAfter(command) {
  let text = '';
  const write = (chunk) => {
    text += chunk;
    return true;
  };
  command.configureOutput({ writeOut: write, writeErr: write });
  command.emit('afterHelp', { error: false, command, write });
  command.emit('afterAllHelp', { error: false, command, write });
  return text;
}
const fence = (text) => `\`\`\`text\n${text.trimEnd()}\n\`\`\``;

const sections = program.commands.map((command) => {
  const aliases = command.aliases().length > 0 ? ` (alias: ${command.aliases().join(', ')})` : '';
  return `## ${command.name()}${aliases}\n\n${command.description()}\n\n${fence(help(command))}`;
});

const page = `---
title: s2gos command
---

# The \`s2gos\` command

The command-line client of \`@s2gos/cli\`. Install and run it with
\`npx -p @s2gos/cli s2gos --help\` (or \`npm i -g @s2gos/cli\`). This page is generated from the
help texts of the command itself.

${fence(help(program))}

${sections.join('\n\n')}
`;
const out = join(root, 'docs/generated/cli-commands.md');
mkdirSync(join(root, 'docs/generated'), { recursive: true });
writeFileSync(out, page);
console.log(`wrote ${out} (${program.commands.length} commands)`);
