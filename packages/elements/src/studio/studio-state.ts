/**
 * One status for the studio, combining configuration, transport and sign-in, so the header can
 * never say "Connected" while sign-in failed (the socket may well be up, signed out). The order
 * below is the order of what matters more: a configuration the studio cannot start with, then a
 * sign-in that failed, then the transport.
 */
import type { StudioClient } from "../client/studio-client.js";

export type StudioState =
  "config-error" | "connecting" | "signing-in" | "connected" | "reconnecting" | "offline" | "auth-error";

export interface StudioStatus {
  state: StudioState;
  /** While `reconnecting`: when the next attempt is due (ms since the epoch), if known. */
  retryAt: number | null;
}

export function studioStatus(
  configOk: boolean,
  client:
    | (Pick<StudioClient, "connection" | "authState" | "retryAt"> & Partial<Pick<StudioClient, "apiProblem">>)
    | undefined,
): StudioStatus {
  const status = (state: StudioState, retryAt: number | null = null): StudioStatus => ({ state, retryAt });
  // A wrong api-url or a refused origin is configuration too: found once signed in, before any job runs.
  if (!configOk || client?.apiProblem) return status("config-error");
  if (!client) return status("connecting");
  if (client.authState === "expired" || client.authState === "failed") return status("auth-error");
  switch (client.connection) {
    case "offline":
      return status("offline");
    case "reconnecting":
      return status("reconnecting", client.retryAt);
    case "connecting":
      return status("connecting");
    case "connected":
      return status(client.authState === "signing-in" ? "signing-in" : "connected");
  }
}

/** Whole seconds until `retryAt` (at least 1, so the countdown never reads "0 s" while waiting), or null. */
export function secondsUntil(retryAt: number | null, now: number): number | null {
  if (retryAt === null || retryAt <= now) return null;
  return Math.max(1, Math.ceil((retryAt - now) / 1000));
}
