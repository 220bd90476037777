// The auth modules of @s2gos/async, which does not export them yet: its request core is being
// rewritten to wire them into its ky hooks. Once `@s2gos/async` exports them, import them from there
// and delete this file.
export * from '../../async/src/auth/index.js';
