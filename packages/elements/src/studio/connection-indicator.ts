import { html } from 'lit';
import type { ConnectionStatus } from '../client/connection.js';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** A dot and a word for the link to the backend; a polite live region, so losing it is announced. */
export function connectionIndicator(status: ConnectionStatus) {
  return html`<span part="connection" class="connection" data-state=${status} role="status">
    <span class="dot" aria-hidden="true"></span>${LABELS[status]}
  </span>`;
}
