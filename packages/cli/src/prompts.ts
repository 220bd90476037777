/**
 * Interactive questions on a terminal. Inquirer is loaded on first use: most commands never ask.
 */
import type { InputStream, OutputStream } from './io.js';

/** The terminal to ask on. */
export interface PromptIO {
  input: InputStream;
  output: OutputStream;
}

/** What inquirer's prompts take besides their configuration. */
type PromptContext = PromptIO & { signal: AbortSignal };

/** Asks for a line of text; `fallback` is taken on Enter. */
export async function askText(
  io: PromptIO,
  message: string,
  options: { fallback?: string; validate?: (value: string) => true | string } = {},
): Promise<string> {
  const { default: input } = await import('@inquirer/input');
  return untilEndOfInput(io, (context) =>
    input({ message, default: options.fallback, validate: options.validate }, context),
  );
}

/** Asks for a secret; nothing is echoed while it is typed. */
export async function askSecret(io: PromptIO, message: string): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return untilEndOfInput(io, (context) => password({ message }, context));
}

/** Asks a yes/no question; anything but y/yes (Enter included) is no. */
export async function askYesNo(io: PromptIO, message: string): Promise<boolean> {
  // No inquirer default: it would print "(n)" after our "(y/N)".
  const answer = await askText(io, `${message} (y/N)`);
  return /^y(es)?$/i.test(answer.trim());
}

/** Whether `error` is the user leaving a question with Ctrl-C or Ctrl-D. */
export function isPromptCancelled(error: unknown): boolean {
  // ExitPromptError: Ctrl-C. AbortPromptError: Ctrl-D, through the signal of untilEndOfInput
  // (the only signal these prompts get).
  return (
    error instanceof Error &&
    (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')
  );
}

/**
 * Runs an inquirer prompt so that Ctrl-D on an empty line (the end of the input) cancels it like
 * Ctrl-C. Readline closes its interface on Ctrl-D, but inquirer only rejects when the process
 * exits: the question never settled, the event loop ran dry, and the command ended with exit code
 * 0 however it would have handled the cancellation.
 */
function untilEndOfInput<T>(
  io: PromptIO,
  prompt: (context: PromptContext) => Promise<T>,
): Promise<T> {
  const ended = new AbortController();
  // Readline's own keypress listener, added when the prompt created its interface (synchronously,
  // below), runs before this one: on Ctrl-D it has either deleted a character or closed the
  // interface, which pauses the input.
  const onKeypress = (_text: unknown, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (key?.ctrl === true && key.name === 'd' && io.input.isPaused()) ended.abort();
  };
  const question = prompt({ ...io, signal: ended.signal });
  io.input.on('keypress', onKeypress);
  return question.finally(() => io.input.off('keypress', onKeypress));
}
