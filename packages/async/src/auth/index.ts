/**
 * Credentials of every auth type, browser-safe: the headers of the static types and the OAuth2
 * token sources (password, client credentials, device grants; refresh; OpenID discovery).
 * The client wires them into its requests (`../credentials.ts`); the CLI uses them through
 * `@s2gos/async/internal` for `s2gos login`.
 */
export { type Credentials, type CredentialsOptions, createCredentials } from './credentials.js';
export type { DevicePrompt } from './device.js';
export { discoverEndpoints, type OAuthEndpoints } from './discovery.js';
export {
  AuthError,
  type AuthFailure,
  type AuthStage,
  describeFailure,
  type OAuthType,
} from './errors.js';
export {
  type CredentialHeader,
  isSameOrigin,
  staticCredentialHeader,
  tokenHeader,
} from './headers.js';
export type { FetchFunction, TokenSet } from './token-endpoint.js';
export { createTokenSource, type TokenSource, type TokenSourceOptions } from './token-source.js';
