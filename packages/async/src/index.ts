/** Placeholder until the package is implemented. */
export const packageName = '@s2gos/async';
