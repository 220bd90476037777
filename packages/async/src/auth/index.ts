/**
 * Credentials of every auth type, browser-safe: the headers of the static types and the OAuth2
 * token sources (password, client credentials, device grants; refresh; OpenID discovery).
 * Not exported from the package yet: the client core wires it into its ky hooks.
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
