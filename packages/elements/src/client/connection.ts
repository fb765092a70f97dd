/**
 * What the studio says about its link to the backend. The Convex client reconnects on its own with
 * a jittered exponential backoff (1 s doubling to 16 s); these helpers turn its state into words
 * for people, with when the next attempt is due, so a backend that cannot be reached reads as
 * "Reconnecting… retry in 4 s" rather than a silent "Offline" forever.
 */
import type { ConnectionState } from "convex/browser";

/** The transport alone (the studio combines it with sign-in and configuration: `studio-state.ts`). */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

/** Maps the Convex client's connection state (and the browser's online flag) to a status for people. */
export function connectionStatus(state: ConnectionState, online: boolean): ConnectionStatus {
  if (!online) return "offline";
  if (state.isWebSocketConnected) return "connected";
  // A failed attempt (never connected, or lost): the client is waiting out its backoff.
  if (state.connectionRetries > 0 || state.hasEverConnected) return "reconnecting";
  return "connecting";
}

/** The Convex client's log line when it schedules a reconnect ("Attempting reconnect in 1234ms"). */
const RECONNECT_LINE = /^Attempting reconnect in (\d+)ms/;

/**
 * The delay of a scheduled reconnect from a line the Convex client logs, or null. Convex does not
 * expose the timer; its logger is the one place that names it. When the wording changes this
 * answers null and the studio says "Reconnecting…" without a countdown.
 */
export function reconnectDelayFromLog(args: readonly unknown[]): number | null {
  const match = typeof args[0] === "string" ? RECONNECT_LINE.exec(args[0]) : null;
  return match ? Number(match[1]) : null;
}
