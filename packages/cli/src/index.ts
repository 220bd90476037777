/**
 * `@s2gos/cli`: the `s2gos` command for the ESA DTE-S2GOS processing service, and the functions
 * to embed it: {@link run} (the whole CLI, returning an exit code) and {@link createProgram} (the
 * commander program).
 *
 * @packageDocumentation
 */
export { ExitCode } from './errors.js';
export type { CliIO, InputStream, OutputStream } from './io.js';
export { createProgram, run } from './program.js';
