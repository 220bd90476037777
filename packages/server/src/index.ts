/**
 * `@s2gos/server`: a local OGC API - Processes (Part 1: Core 1.0) server with demo processes,
 * for quick starts and tests. Its documents are typed with `@s2gos/models`.
 *
 * @packageDocumentation
 */

export { createApp } from './app.js';
export { type ProblemIssue, ProblemType } from './errors.js';
export { Rel } from './links.js';
export type { AppOptions, LogFunction, ServerOptions } from './options.js';
export {
  defineProcess,
  type ProcessContext,
  type ProcessDefinition,
  type ProcessInputs,
  type ProcessOutputs,
} from './process.js';
export {
  demoProcesses,
  echo,
  mapImage,
  primesBetween,
  sceneLink,
  sleepAWhile,
} from './processes/demo.js';
export { conformsTo } from './routes/capabilities.js';
export { type RunningServer, startServer } from './server.js';
