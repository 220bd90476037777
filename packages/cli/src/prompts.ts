/**
 * Interactive questions on a terminal. Inquirer is loaded on first use: most commands never ask.
 */
import type { InputStream, OutputStream } from './io.js';

/** The terminal to ask on. */
export interface PromptIO {
  input: InputStream;
  output: OutputStream;
}

/** Asks for a line of text; `fallback` is taken on Enter. */
export async function askText(
  io: PromptIO,
  message: string,
  options: { fallback?: string; validate?: (value: string) => true | string } = {},
): Promise<string> {
  const { default: input } = await import('@inquirer/input');
  return input({ message, default: options.fallback, validate: options.validate }, io);
}

/** Asks for a secret; nothing is echoed while it is typed. */
export async function askSecret(io: PromptIO, message: string): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return password({ message }, io);
}

/** Asks a yes/no question; anything but y/yes (Enter included) is no. */
export async function askYesNo(io: PromptIO, message: string): Promise<boolean> {
  // No inquirer default: it would print "(n)" after our "(y/N)".
  const answer = await askText(io, `${message} (y/N)`);
  return /^y(es)?$/i.test(answer.trim());
}

/** Whether `error` is the user leaving a question with Ctrl-C or Ctrl-D. */
export function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
