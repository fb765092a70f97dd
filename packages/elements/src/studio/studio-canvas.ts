/**
 * The studio's result canvas (the right pane on wide screens, below the controls on narrow ones):
 * the latest job shown big, earlier jobs of the session beneath it, the recent-images filmstrip,
 * and — before anything was made — an empty state with example prompts and "Surprise me".
 * Template functions only: the studio keeps the state.
 */
import { html, nothing, type TemplateResult } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { repeat } from "lit/directives/repeat.js";
import { msg } from "../i18n/localize.js";
import { exportParts } from "../internal/parts.js";
import { EXAMPLE_PROMPTS, SHOWN_EXAMPLES } from "./example-prompts.js";

export interface CanvasView {
  /** This session's jobs, newest first (the first is shown big). */
  jobIds: readonly string[];
  /** The latest comparison, already rendered (or nothing). */
  comparison: TemplateResult | typeof nothing;
  /** The jobs of that comparison: when the newest job is one of them, the comparison is what is shown big. */
  comparedIds: ReadonlySet<string>;
  selectedImageId: string;
  /** Fills the prompt box with an example. */
  onExample: (prompt: string) => void;
  onSurprise: () => void;
}

const sparkle = html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M12 2l1.8 5.4L19 9l-5.2 1.6L12 16l-1.8-5.4L5 9l5.2-1.6L12 2zm6 11l.9 2.6L21.5 16l-2.6.9L18 19.5l-.9-2.6-2.6-.9 2.6-.9L18 13zM6 14l.7 2L9 16.7l-2.3.7L6 19.5l-.7-2.1L3 16.7l2.3-.7L6 14z"
  />
</svg>`;

export function resultCanvas(view: CanvasView): TemplateResult {
  const [newest] = view.jobIds;
  const comparisonFirst = newest === undefined || view.comparedIds.has(newest);
  const latest = comparisonFirst ? undefined : newest;
  const earlier = view.jobIds.filter((id) => id !== latest);
  const empty = newest === undefined && view.comparison === nothing;
  return html`<section part="canvas" class="canvas" aria-labelledby="results-heading">
    <h2 id="results-heading" class="canvas-heading">${msg("Results")}</h2>
    <div class="stage">
    ${comparisonFirst ? view.comparison : nothing}
    ${empty ? emptyState(view) : nothing}
    ${
      latest !== undefined
        ? // Keyed: a new job gets a new card. Re-pointing the old card at it carried that card's state
          // over (a pending Cancel, a failed download's message) and left scripts holding the element
          // of the previous job following the new one.
          html`<div class="latest">
          ${keyed(latest, html`<pixorly-job-status part="job latest" exportparts=${exportParts("pixorly-studio", "job")} job-id=${latest}></pixorly-job-status>`)}
        </div>`
        : nothing
    }
    ${comparisonFirst ? nothing : view.comparison}
    ${
      earlier.length > 0
        ? html`<section part="jobs" class="jobs" aria-labelledby="jobs-heading">
          <h3 id="jobs-heading">${latest !== undefined ? msg("Earlier in this session") : msg("Jobs in this session")}</h3>
          <ul>
            ${repeat(
              earlier,
              (id) => id,
              (id) =>
                html`<li><pixorly-job-status part="job" exportparts=${exportParts("pixorly-studio", "job")} job-id=${id}></pixorly-job-status></li>`,
            )}
          </ul>
        </section>`
        : nothing
    }
    <pixorly-recent-results part="recent" exportparts=${exportParts("pixorly-studio", "recent")} class=${empty ? "recent quiet" : "recent"} selected-id=${view.selectedImageId}></pixorly-recent-results>
    </div>
  </section>`;
}

function emptyState(view: CanvasView): TemplateResult {
  return html`<div part="empty-state" class="empty-state">
    <div class="empty-art" aria-hidden="true">${sparkle}</div>
    <p class="empty-title">${msg("Start with an idea")}</p>
    <p class="empty-text">${msg("Describe an image and press Generate, or start from one of these:")}</p>
    <ul class="examples" aria-label=${msg("Example prompts")}>
      ${EXAMPLE_PROMPTS.slice(0, SHOWN_EXAMPLES).map(
        (prompt) => html`<li>
          <button part="example" type="button" class="example" @click=${() => view.onExample(prompt)}>${prompt}</button>
        </li>`,
      )}
    </ul>
    <button part="surprise" type="button" class="surprise" data-variant="primary" @click=${view.onSurprise}>${sparkle} ${msg("Surprise me")}</button>
  </div>`;
}

/**
 * Brings the newest result into view: on a phone the canvas is below the controls, so a job
 * started there would otherwise appear off-screen. `nearest` moves nothing when it is already
 * visible (the two-pane layout); motion follows `prefers-reduced-motion`.
 */
export function revealLatest(root: ParentNode): void {
  const target = root.querySelector<HTMLElement>(".comparison, .latest");
  if (!target) return;
  const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
  target.scrollIntoView({ block: "nearest", behavior: reduced ? "auto" : "smooth" });
}
