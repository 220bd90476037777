/**
 * Finds the first value under `value` that cannot be sent to the worker thread faithfully, and
 * returns its path (e.g. `fetch`, `retry.delay`, `hooks.beforeRequest[0]`) with the reason, or
 * `undefined` when everything is plain data.
 *
 * Structured clone throws for functions but silently drops prototypes, getters and class
 * identity; both would mean an option the caller set has no effect, so both are reported.
 */
export function findUnclonable(
  value: unknown,
  path: string,
  seen: Set<object> = new Set(),
): { path: string; reason: string } | undefined {
  if (typeof value === 'function') return { path, reason: 'is a function' };
  if (typeof value === 'symbol') return { path, reason: 'is a symbol' };
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (!isPlainContainer(value)) {
    const name = value.constructor?.name ?? 'object';
    return isClonableLeaf(value) ? undefined : { path, reason: `is a ${name} instance` };
  }
  for (const [key, child] of Object.entries(value)) {
    const found = findUnclonable(
      child,
      Array.isArray(value) ? `${path}[${key}]` : join(path, key),
      seen,
    );
    if (found) return found;
  }
  return undefined;
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function join(path: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return path === ''
    ? segment
    : /^[A-Za-z_$]/.test(segment)
      ? `${path}.${segment}`
      : `${path}[${segment}]`;
}

// Leaf objects the structured clone algorithm copies faithfully.
function isClonableLeaf(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  );
}
