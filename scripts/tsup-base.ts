import { rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/** What every build of every package shares. */
export const base: Options = { dts: true, sourcemap: true, target: 'node20', clean: false };

/**
 * The builds of one package over {@link base}, all writing to one `dist`. tsup runs them at the
 * same time, so none may clean it (a build's `clean` deletes what the others wrote); it is emptied
 * once here instead, when the config is loaded, before any build starts.
 */
export function defineBuilds(...builds: Options[]) {
  rmSync('dist', { recursive: true, force: true });
  return defineConfig(builds.map((build) => ({ ...base, ...build })));
}
