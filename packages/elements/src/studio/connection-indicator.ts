/** The studio's status word: a dot and a short sentence; a polite live region, so losing the link is announced. */
import { html } from "lit";
import { msg, str } from "../i18n/localize.js";
import { secondsUntil, type StudioStatus } from "./studio-state.js";

function label(status: StudioStatus, now: number): string {
  switch (status.state) {
    case "connecting":
      return msg("Connecting…");
    case "signing-in":
      return msg("Signing in…");
    case "connected":
      return msg("Connected");
    case "reconnecting": {
      const seconds = secondsUntil(status.retryAt, now);
      return seconds === null ? msg("Reconnecting…") : msg(str`Reconnecting… retry in ${seconds} s`);
    }
    case "offline":
      return msg("Offline");
    case "auth-error":
      return msg("Not signed in");
    case "config-error":
      return msg("Unavailable");
  }
}

export function connectionIndicator(status: StudioStatus, now = Date.now()) {
  return html`<span part="connection" class="connection" data-state=${status.state} role="status">
    <span class="dot" aria-hidden="true"></span>${label(status, now)}
  </span>`;
}
