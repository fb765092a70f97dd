/** The studio's notices and job list, as template functions (the element keeps the state). */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { StudioView } from './studio-tabs.js';

export function configurationNotice(problems: readonly string[], title: string) {
  if (problems.length === 0) return nothing;
  return html`<div part="notice" class="notice" role="alert">
    <p><strong>${title}</strong></p>
    <ul>
      ${problems.map((problem) => html`<li>${problem}</li>`)}
    </ul>
  </div>`;
}

export function authNotice(message: string, onRetry: () => void) {
  return html`<div part="notice" class="notice" role="alert">
    <p><strong>${message || 'You are signed out.'}</strong></p>
    <p><button type="button" @click=${onRetry}>Sign in again</button></p>
  </div>`;
}

export function jobList(jobIds: readonly string[]) {
  return html`<section part="jobs" class="jobs" aria-labelledby="jobs-heading">
    <h2 id="jobs-heading">Jobs</h2>
    ${jobIds.length === 0
      ? html`<p class="empty">Nothing running. Describe an image and press Generate.</p>`
      : html`<ul>
          ${repeat(
            jobIds,
            (id) => id,
            (id) => html`<li><pixorly-job-status part="job" job-id=${id}></pixorly-job-status></li>`,
          )}
        </ul>`}
  </section>`;
}

/** The Library or Collections view: its element once the library module is loaded. */
export function libraryPanel(view: Exclude<StudioView, 'create'>, library: 'idle' | 'loading' | 'ready' | 'failed', onRetry: () => void) {
  const content =
    library === 'ready'
      ? view === 'library'
        ? html`<pixorly-gallery part="gallery"></pixorly-gallery>`
        : html`<pixorly-collections part="collections"></pixorly-collections>`
      : library === 'failed'
        ? html`<div part="notice" class="notice" role="alert">
            <p><strong>This view could not be loaded.</strong></p>
            <p><button type="button" @click=${onRetry}>Try again</button></p>
          </div>`
        : html`<p class="empty">Loading…</p>`;
  return html`<section id=${`panel-${view}`} role="tabpanel" aria-labelledby=${`tab-${view}`} class="library-view">${content}</section>`;
}
