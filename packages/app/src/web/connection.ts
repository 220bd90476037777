import { AsyncClient } from '@s2gos/async';
import { APP_CONFIG_PATH, type AppConfig } from '../app-config.js';

/** Where the app sends its API calls, and with which credentials. */
export interface Connection {
  /** The API's absolute URL. */
  serverUrl: string;
  /** A token or API key entered in the app (hosted use only; never with a forwarder). */
  accessToken?: string;
  /** Whether `s2gos app`'s forwarder adds the credentials. */
  forwarded: boolean;
  /** What to show as the service the app talks to. */
  service: string;
}

/** How the app starts: connected, or with a suggested server URL for the connect page. */
export type Startup = { connection: Connection } | { suggestedUrl: string | undefined };

// Per tab and gone when the tab closes: a token typed into a hosted app is never written to disk
// by the app, and never put into a URL.
const STORAGE_KEY = 's2gos-app.connection';

/**
 * Finds the connection: `s2gos app` and `s2gos-server --app` serve a config document beside the
 * app; otherwise (a static host) the connection entered earlier in this tab, if any.
 */
export async function discoverConnection(): Promise<Startup> {
  const config = await fetchAppConfig();
  if (config?.forwarded) {
    const serverUrl = new URL(config.serverUrl, window.location.href).href;
    return {
      connection: { serverUrl, forwarded: true, service: config.service ?? serverUrl },
    };
  }
  const stored = loadStoredConnection();
  if (stored) return { connection: stored };
  if (config) {
    const serverUrl = new URL(config.serverUrl, window.location.href).href;
    return { connection: { serverUrl, forwarded: false, service: serverUrl } };
  }
  return { suggestedUrl: undefined };
}

/** Keeps a connection entered in the app for this tab (`sessionStorage`). */
export function storeConnection(connection: Connection): void {
  sessionStorage.setItem(
    STORAGE_KEY,
    JSON.stringify({ serverUrl: connection.serverUrl, accessToken: connection.accessToken }),
  );
}

/** Forgets the connection entered in the app. */
export function forgetConnection(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The client for a connection: every API call of the app goes through it. */
export function createClient(connection: Connection): AsyncClient {
  return new AsyncClient({
    serverUrl: connection.serverUrl,
    ...(connection.accessToken ? { accessToken: connection.accessToken } : {}),
  });
}

function loadStoredConnection(): Connection | undefined {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (!isRecord(stored) || typeof stored.serverUrl !== 'string') return undefined;
    const accessToken = typeof stored.accessToken === 'string' ? stored.accessToken : undefined;
    return {
      serverUrl: stored.serverUrl,
      ...(accessToken ? { accessToken } : {}),
      forwarded: false,
      service: stored.serverUrl,
    };
  } catch {
    return undefined;
  }
}

async function fetchAppConfig(): Promise<AppConfig | undefined> {
  try {
    const response = await fetch(`.${APP_CONFIG_PATH}`, { cache: 'no-store' });
    if (!response.ok) return undefined;
    const config: unknown = await response.json();
    if (!isRecord(config) || typeof config.serverUrl !== 'string') return undefined;
    return {
      serverUrl: config.serverUrl,
      forwarded: config.forwarded === true,
      ...(typeof config.service === 'string' ? { service: config.service } : {}),
    };
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
