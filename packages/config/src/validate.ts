import { AUTH_TYPES, type AuthType, type ConfigKey } from './config.js';

/** A usable configuration value: a string, or the boolean of `useBearer`. */
export type ConfigValue = string | boolean;

/**
 * The outcome of checking one configuration value: its usable form (`undefined` when absent), or
 * what is wrong with it. Callers add where the value came from; the problem never quotes a secret.
 */
export type CheckedValue =
  | { ok: true; value: ConfigValue | undefined }
  | { ok: false; problem: string };

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
  '1': true,
  '0': false,
};

/**
 * The one place that decides whether a value is acceptable for a key, used for arguments,
 * environment variables, config file contents and values about to be written.
 *
 * `undefined`, `null` (an empty YAML value) and `''` mean "absent", so they never override anything.
 */
export function checkConfigValue(key: ConfigKey, value: unknown): CheckedValue {
  if (value === undefined || value === null || value === '') return { ok: true, value: undefined };
  if (key === 'useBearer') {
    // Environment variables are strings; files may hold either.
    const flag = typeof value === 'string' ? BOOLEAN_WORDS[value.trim().toLowerCase()] : value;
    if (typeof flag === 'boolean') return { ok: true, value: flag };
    const got = typeof value === 'string' ? JSON.stringify(value) : typeName(value);
    return { ok: false, problem: `expected true or false, got ${got}` };
  }
  if (typeof value !== 'string')
    return { ok: false, problem: `expected a string, got ${typeName(value)}` };
  if (key === 'serverUrl' || key === 'authUrl') {
    const problem = serverUrlProblem(value);
    if (problem !== undefined) return { ok: false, problem };
  }
  if (key === 'authType' && !isAuthType(value)) {
    return {
      ok: false,
      problem: `expected one of ${AUTH_TYPES.join(', ')}, got ${JSON.stringify(value)}`,
    };
  }
  return { ok: true, value };
}

/** Whether `value` names an auth type. */
export function isAuthType(value: unknown): value is AuthType {
  return (AUTH_TYPES as readonly unknown[]).includes(value);
}

function serverUrlProblem(value: string): string | undefined {
  const url = parseUrl(value);
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return undefined;
  // The usual slip is a missing scheme: `127.0.0.1:8008` does not parse, `localhost:8008` parses
  // with the scheme `localhost:`. Both are fixed by prefixing `http://`.
  const guess =
    !value.includes('://') && parseUrl(`http://${value}`) ? `http://${value}` : undefined;
  const hint = guess ? `; did you mean ${JSON.stringify(shown(guess))}?` : '';
  return `expected an http(s) URL, got ${JSON.stringify(shown(value))}${hint}`;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

// A server URL is not a secret, but one with a password in it holds one.
function shown(value: string): string {
  const url = parseUrl(value);
  if (url === undefined || url.password === '') return value;
  url.password = '****';
  return url.href;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (value instanceof Uint8Array) return 'binary data';
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}
