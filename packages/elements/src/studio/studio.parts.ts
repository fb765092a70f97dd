/** The studio's notices and job list, as template functions (the element keeps the state). */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

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
