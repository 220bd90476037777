import type { JobStore } from './jobs.js';
import type { ResolvedAppOptions } from './options.js';
import type { ProcessRegistry } from './processes/registry.js';

/** What the routes of one app share. */
export interface AppState {
  readonly options: ResolvedAppOptions;
  readonly registry: ProcessRegistry;
  readonly jobs: JobStore;
}
