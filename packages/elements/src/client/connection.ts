import type { ConnectionState } from 'convex/browser';

/** What the studio shows about its link to the backend. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Failed attempts before a never-connected client counts as offline rather than still connecting. */
const RETRIES_BEFORE_OFFLINE = 3;

/** Maps the Convex client's connection state (and the browser's online flag) to a status for people. */
export function connectionStatus(state: ConnectionState, online: boolean): ConnectionStatus {
  if (!online) return 'offline';
  if (state.isWebSocketConnected) return 'connected';
  if (!state.hasEverConnected) return state.connectionRetries >= RETRIES_BEFORE_OFFLINE ? 'offline' : 'connecting';
  return 'reconnecting';
}
