/**
 * The prompt box's "Recent prompts": the user's prompt history from their account
 * (`prompts:recent`, newest first), a disclosure button beside the prompt's label that opens a
 * list of them. Choosing one fills the prompt; Delete (or ×) forgets one (`prompts:forget`).
 * Keyboard: Alt+↓ in the prompt opens it, ↑/↓ move, Enter uses, Delete forgets, Esc closes and
 * focus goes back where it came from. Subscribed on first open only, so a page that never looks
 * at its history never asks for it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import { api, type RecentPrompt } from "../client/api.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg, str } from "../i18n/localize.js";
import { showsKeyboardHints } from "../internal/keyboard-hints.js";

/** Prompts that differ only in case or spacing are one entry (the newest kept). */
export function distinctPrompts(prompts: readonly RecentPrompt[]): RecentPrompt[] {
  const seen = new Set<string>();
  return prompts.filter((entry) => {
    const key = entry.prompt.trim().replace(/\s+/g, " ").toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class RecentPromptsController implements ReactiveController {
  open = false;
  private wanted = false;
  private notice = "";
  private readonly forgotten = new Set<string>();
  private readonly list: QueryController<typeof api.prompts.recent>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      client: () => StudioClient | undefined;
      use: (prompt: string) => void;
      /** Where focus goes when the list closes without a choice (the toggle), or after one (the prompt). */
      focus: (target: "toggle" | "prompt") => void;
    },
  ) {
    host.addController(this);
    this.list = new QueryController(host, options.client, api.prompts.recent, () =>
      this.wanted && options.client() ? {} : SKIP,
    );
  }

  hostConnected(): void {}

  get prompts(): RecentPrompt[] {
    return distinctPrompts((this.list.value ?? []).filter((entry) => !this.forgotten.has(entry._id)));
  }

  /** Opens (focusing the first prompt once listed) or closes the list. */
  async toggle(open = !this.open): Promise<void> {
    this.open = open;
    this.wanted ||= open;
    this.notice = "";
    this.host.requestUpdate();
    if (open) {
      await this.host.updateComplete;
      await this.whenListed();
      await this.host.updateComplete;
      const first = this.items()[0];
      if (first) first.focus();
      else this.panel()?.focus();
    }
  }

  /** The toggle button, for beside the prompt's label. */
  renderToggle() {
    return html`<button
      type="button"
      class="recent-toggle"
      part="recent-toggle"
      aria-expanded=${this.open ? "true" : "false"}
      aria-controls="recent-prompts"
      aria-keyshortcuts="Alt+ArrowDown"
      @click=${() => void this.toggle()}
    >
      ${msg("Recent prompts")}
    </button>`;
  }

  /** The list, under the prompt (nothing while closed). */
  renderPanel() {
    if (!this.open) return nothing;
    const prompts = this.prompts;
    const error = this.list.error;
    return html`<div id="recent-prompts" class="recent" part="recent-prompts" role="group" aria-label=${msg("Recent prompts")} tabindex="-1" @keydown=${this.onKeydown}>
      ${
        error
          ? html`<p class="hint error">${toUserFacingError(error).message}</p>`
          : this.list.loading
            ? html`<p class="hint">${msg("Loading your recent prompts…")}</p>`
            : prompts.length === 0
              ? html`<p class="hint">${msg("No prompts yet: the prompts you generate with are listed here.")}</p>`
              : html`<ul class="recent-list">
                  ${prompts.map(
                    (entry) => html`<li class="recent-item">
                      <button type="button" class="use-prompt" part="recent-prompt" title=${entry.prompt} @click=${() => this.use(entry)}>
                        ${entry.prompt}
                      </button>
                      <button type="button" class="forget" aria-label=${msg(str`Forget “${shorten(entry.prompt)}”`)} @click=${() => void this.forget(entry)}>×</button>
                    </li>`,
                  )}
                </ul>
                ${showsKeyboardHints() ? html`<p class="hint">${msg("↑ ↓ to move, Enter to use, Delete to forget, Esc to close.")}</p>` : nothing}`
      }
      <p class="notice" role="status">${this.notice || nothing}</p>
    </div>`;
  }

  private use(entry: RecentPrompt): void {
    this.options.use(entry.prompt);
    this.open = false;
    this.host.requestUpdate();
    this.options.focus("prompt");
  }

  private async forget(entry: RecentPrompt): Promise<void> {
    const client = this.options.client();
    if (!client) return;
    const index = this.prompts.indexOf(entry);
    this.forgotten.add(entry._id);
    this.notice = msg(str`Forgot “${shorten(entry.prompt)}”.`);
    this.host.requestUpdate();
    await this.host.updateComplete;
    const items = this.items();
    (items[Math.min(index, items.length - 1)] ?? this.panel())?.focus();
    try {
      await client.mutation(api.prompts.forget, { id: entry._id });
    } catch (error) {
      this.forgotten.delete(entry._id);
      this.notice = toUserFacingError(error).message;
      this.host.requestUpdate();
    }
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    const items = this.items();
    const at = items.indexOf(this.host.shadowRoot!.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.open = false;
      this.host.requestUpdate();
      this.options.focus("toggle");
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (items.length === 0) return;
      const next = at < 0 ? 0 : (at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[next]!.focus();
    } else if ((event.key === "Delete" || event.key === "Backspace") && at >= 0) {
      event.preventDefault();
      const entry = this.prompts[at];
      if (entry) void this.forget(entry);
    }
  };

  private items(): HTMLButtonElement[] {
    return [...(this.host.shadowRoot?.querySelectorAll<HTMLButtonElement>(".use-prompt") ?? [])];
  }

  private panel(): HTMLElement | null {
    return this.host.shadowRoot?.querySelector<HTMLElement>("#recent-prompts") ?? null;
  }

  private async whenListed(): Promise<void> {
    for (let tries = 0; tries < 50 && this.list.loading && this.open; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await this.host.updateComplete;
    }
  }
}

function shorten(prompt: string): string {
  return prompt.length > 40 ? `${prompt.slice(0, 39)}…` : prompt;
}
