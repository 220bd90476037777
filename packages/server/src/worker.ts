/**
 * The worker-thread side of running a process (a piscina task handler): imports the process's
 * module, runs it and sends its outputs back as JSON text. Everything crossing the thread
 * boundary is plain data.
 */
import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { messageOf, tracebackOf } from './errors.js';
import type { ProcessContext, ProcessDefinition } from './process.js';
import {
  type FileMessage,
  isFileName,
  isMediaType,
  type RunTask,
  type TaskOutcome,
  type WorkerMessage,
} from './worker-protocol.js';

const definitions = new Map<string, ProcessDefinition>();
/** The nice value of worker threads (0 normal, 19 lowest priority). */
const WORKER_NICE = 10;

// On Linux the nice value belongs to the thread, so this lowers the priority of this worker
// alone: CPU-bound processes then yield the CPU to the thread answering HTTP requests. (On
// other systems it would lower the whole server's priority, so it is left alone there.)
if (process.platform === 'linux') {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // Not allowed in this environment: processes run at the server's priority.
  }
}

/**
 * Runs one process in this worker; piscina calls it once per task. The outcome goes over the
 * task's port after every progress message, so the server sees them in order.
 */
export default async function runTask(task: RunTask): Promise<void> {
  const { port } = task;
  const controller = new AbortController();
  port.on('message', (message: { type: 'abort'; reason: string }) => {
    if (message.type === 'abort') controller.abort(new DOMException(message.reason, 'AbortError'));
  });
  let outcome: TaskOutcome;
  try {
    const definition = await findDefinition(task.module, task.processId);
    port.postMessage({ type: 'started' } satisfies WorkerMessage);
    const context = createContext(task, port, controller.signal);
    const outputs = await definition.run(JSON.parse(task.inputsJson), context);
    outcome = { ok: true, outputsJson: serialise(task.processId, outputs) };
  } catch (error) {
    outcome = { ok: false, message: messageOf(error), traceback: tracebackOf(error) };
  }
  port.postMessage({ type: 'done', outcome } satisfies WorkerMessage);
  // The server closes the channel once it has the outcome.
  port.unref();
}

async function findDefinition(module: string, processId: string): Promise<ProcessDefinition> {
  const key = `${processId}\n${module}`;
  const known = definitions.get(key);
  if (known !== undefined) return known;
  let exports: Record<string, unknown>;
  try {
    exports = (await import(module)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `Cannot import the module of process '${processId}' (${module}); it must be JavaScript that Node can import: ${messageOf(error)}`,
      { cause: error },
    );
  }
  const found = Object.values(exports).find(
    (value): value is ProcessDefinition =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ProcessDefinition).run === 'function' &&
      (value as ProcessDefinition).description?.id === processId,
  );
  if (found === undefined) {
    throw new Error(`Module ${module} exports no definition of process '${processId}'.`);
  }
  definitions.set(key, found);
  return found;
}

function createContext(task: RunTask, port: MessagePort, signal: AbortSignal): ProcessContext {
  const saved = new Set<string>();
  return {
    jobId: task.jobId,
    signal,
    reportProgress(progress, message) {
      if (
        progress !== undefined &&
        !(typeof progress === 'number' && progress >= 0 && progress <= 100)
      ) {
        throw new RangeError(`Progress must be a number from 0 to 100, got ${String(progress)}.`);
      }
      port.postMessage({
        type: 'progress',
        progress,
        ...(message === undefined ? {} : { message: String(message) }),
      });
    },
    saveFile(name, data, mediaType) {
      if (!isFileName(name)) {
        throw new TypeError(
          `File name '${String(name).slice(0, 100)}' is not allowed: use 1 to 100 of A-Z a-z 0-9 . _ - not starting with '.'.`,
        );
      }
      if (saved.has(name)) throw new TypeError(`File '${name}' was already saved by this job.`);
      if (!(data instanceof Uint8Array)) throw new TypeError('File data must be a Uint8Array.');
      // Checked here, where the mistake is made: once stored, a file whose type cannot be sent
      // as a header would answer every download with a 500.
      if (!isMediaType(mediaType)) {
        throw new TypeError(
          `Media type '${String(mediaType).slice(0, 100)}' of file '${name}' is not allowed: use a media type such as 'image/png' or 'text/plain; charset=utf-8'.`,
        );
      }
      saved.add(name);
      const copy = new Uint8Array(data);
      const message: FileMessage = { type: 'file', name, mediaType, data: copy };
      port.postMessage(message, [copy.buffer]);
      return `${task.filesUrl}${name}`;
    },
  };
}

function serialise(processId: string, outputs: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(outputs);
  } catch (error) {
    throw new TypeError(
      `Process '${processId}' returned outputs that cannot be serialised as JSON: ${messageOf(error)}`,
    );
  }
  if (text === undefined) {
    throw new TypeError(`Process '${processId}' returned no outputs object.`);
  }
  return text;
}
