import { writeFile } from 'node:fs/promises';
import type { AsyncClient } from '@s2gos/async';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { addGlobalOptions } from '../options.js';
import type { Runtime } from '../runtime.js';

/** `generate-client NAME` [gc]. */
export function registerGenerateCommand(program: Command, rt: Runtime): void {
  addGlobalOptions(
    program
      .command('generate-client')
      .alias('gc')
      .argument('<NAME>', "the client's name: 'demo' writes the class DemoClient")
      .description(
        "write a typed TypeScript client for the server's processes: one method per process",
      )
      .option('-o, --output <file>', 'the file to write (default: stdout)')
      .option('--sync', 'extend the blocking Client of @s2gos/sync instead of AsyncClient'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ s2gos generate-client demo -o src/demo-client.ts
  $ s2gos generate-client demo --sync -s http://127.0.0.1:8008 > demo-client.ts`,
    )
    .action(async (name: string, _options: unknown, cmd: Command) => {
      const { output, sync } = rt.options<{ output?: string; sync?: boolean }>(cmd);
      // The generator loads json-schema-to-typescript and prettier: only for this command.
      const { clientClassName, generateClientModule } = await import(
        '../generate/client-module.js'
      );
      const clientName = clientClassName(name);
      const { text, count } = await rt.withClient(cmd, async (client) => {
        // Every page of the list: a server with many processes gets a method for each.
        const processes = [];
        for await (const process of client.iterateProcesses()) processes.push(process);
        const descriptions = await Promise.all(processes.map(({ id }) => client.getProcess(id)));
        const module = await generateClientModule(descriptions, {
          name,
          serverUrl: client.config.serverUrl,
          sync,
          outFile: output,
          reserved: memberNames(client),
        });
        return { text: module, count: descriptions.length };
      });
      if (output === undefined) {
        rt.io.stdout.write(text);
        return;
      }
      try {
        await writeFile(output, text);
      } catch (error) {
        throw new UsageError(`cannot write '${output}': ${(error as Error).message}`);
      }
      rt.note(`Wrote ${clientName} (${count} processes) to ${output}.`);
    });
}

// Whatever the client in use has, a generated method must not shadow.
function memberNames(client: AsyncClient): string[] {
  const names = new Set<string>(Object.keys(client));
  for (
    let prototype: object | null = Object.getPrototypeOf(client);
    prototype !== null && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    for (const name of Object.getOwnPropertyNames(prototype)) names.add(name);
  }
  return [...names].sort();
}
