import type { AsyncClient } from '@s2gos/async';
import { createContext, useContext } from 'react';
import type { Connection } from './connection.js';

/** The connection in use and its client, for every page. */
export interface Session {
  connection: Connection;
  client: AsyncClient;
}

/** Provided by `App` once connected. */
export const SessionContext = createContext<Session | undefined>(undefined);

/** The session; pages render only inside a connected `App`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside of a connected app');
  return session;
}
