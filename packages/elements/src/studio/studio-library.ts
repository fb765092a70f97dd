/**
 * The studio's side of the library: loads the library module on first use (the Library and
 * Collections tabs, or an image opened from a job card or a comparison cell), opens the
 * studio's lightbox for `pixorly-open-image`, and turns `pixorly-use-settings` into a filled
 * prompt box on the Create view.
 */
import type { ReactiveControllerHost } from "lit";
import type { ImageDoc } from "../client/api.js";
import type { OpenImageDetail, PresetAppliedDetail, UseSettingsDetail } from "../events/index.js";
import { loadLibrary } from "../library/load-library.js";
import type { PixorlyPromptBox } from "../prompt-box/prompt-box.component.js";

export type LibraryState = "idle" | "loading" | "ready" | "failed";

interface StudioHooks {
  /** Shows the Create view with `model` chosen (comparison off). */
  showCreate: (model: string) => void;
  promptBox: () => PixorlyPromptBox | null;
  /** Whether the studio offers `model` (a preset may name one it does not). */
  hasModel: (model: string) => boolean;
}

export class StudioLibrary {
  state: LibraryState = "idle";

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly hooks: StudioHooks,
  ) {
    host.addEventListener("pixorly-open-image", (event) => void this.openImage(event.detail));
    host.addEventListener("pixorly-use-settings", (event) => void this.useSettings(event.detail));
    host.addEventListener("pixorly-preset-applied", (event) => void this.presetApplied(event.detail));
  }

  /** Loads the library module once; `retry` tries again after a failed load. */
  async load(retry = false): Promise<void> {
    if (this.state === "ready" || this.state === "loading" || (this.state === "failed" && !retry)) return;
    this.set("loading");
    try {
      await loadLibrary();
      this.set("ready");
    } catch {
      this.set("failed");
    }
  }

  private set(state: LibraryState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  private async openImage(detail: OpenImageDetail | undefined): Promise<void> {
    // The gallery opens its own lightbox (the event comes from inside it only when a page sends one).
    if (!detail || detail.images.length === 0) return;
    await this.load(true);
    await this.host.updateComplete;
    const lightbox = this.host.shadowRoot?.querySelector<
      HTMLElement & { show(images: ImageDoc[], index: number): void }
    >("pixorly-lightbox");
    lightbox?.show(detail.images, detail.index);
  }

  /** A preset saved with another model: show that model, then apply the preset again to its form. */
  private async presetApplied(detail: PresetAppliedDetail | undefined): Promise<void> {
    if (!detail?.otherModel || this.applyingPreset || !this.hooks.hasModel(detail.preset.model)) return;
    this.applyingPreset = true;
    try {
      this.hooks.showCreate(detail.preset.model);
      await this.host.updateComplete;
      const box = this.hooks.promptBox();
      await box?.updateComplete;
      box?.applyPreset?.(detail.preset);
    } finally {
      this.applyingPreset = false;
    }
  }

  private applyingPreset = false;

  private async useSettings(detail: UseSettingsDetail): Promise<void> {
    this.hooks.showCreate(detail.model);
    await this.host.updateComplete;
    const box = this.hooks.promptBox();
    await box?.updateComplete;
    box?.applySettings?.(detail);
  }
}
