/** `require` for this module (CommonJS variant of `node-require.ts`). */
export const nodeRequire: NodeJS.Require = require;
