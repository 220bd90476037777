/**
 * `@s2gos/async/internal`: what the sibling packages (`@s2gos/sync`, `@s2gos/cli`) share with
 * this one. Not covered by semver: it changes with the packages that use it, in any release.
 * `@s2gos/async/internal/no-http` is the part of it that loads no HTTP machinery.
 *
 * @packageDocumentation
 */

export {
  AuthError,
  type AuthFailure,
  type Credentials,
  type CredentialsOptions,
  createCredentials,
  describeFailure,
  type TokenSource,
} from './auth/index.js';
export { AsyncClientBase, type Platform } from './client.js';
export { authFailed } from './credentials.js';
export { parseRetryAfter, retryPolicy } from './http.js';
export * from './internal-no-http.js';
export { nodePlatform } from './node-platform.js';
