/**
 * The studio's settings survive a reload: the model, the size, the image count, the negative prompt,
 * the advanced parameters and the basic/advanced mode. They are kept in this browser's localStorage
 * (per `api-url`, so two Pixorly deployments on one origin do not mix, and per user once known),
 * and — when signed in — in the account, as a preset with a reserved name (`presets:save`), so they
 * follow the person to another device. On load the newer of the two wins.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { api, type AccountPreset } from "../client/api.js";
import type { StudioClient } from "../client/studio-client.js";
import { LAST_USED_PRESET } from "../prompt-box/last-used-preset.js";
import type { SettingsChangeDetail } from "../events/index.js";
import type { RestoredSettings } from "../prompt-box/prompt-box.component.js";

/** How long changes settle before they are written to the account (one mutation per burst of edits). */
const ACCOUNT_SAVE_DELAY_MS = 2000;

export interface KeptSettings extends RestoredSettings {
  model: string;
  savedAt: number;
}

export interface SettingsMemoryOptions {
  apiUrl: () => string;
  client: () => StudioClient | undefined;
  /** The signed-in user's id ('' until provisioned). */
  userId: () => string;
  /** Puts settings back: the studio chooses the model, the prompt box takes the rest. */
  restore: (settings: KeptSettings) => void;
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
}

export class SettingsMemory implements ReactiveController {
  private restoredLocal = "";
  /** The user whose account settings were restored (once per user). */
  private restoredAccount = "";
  private latest: KeptSettings | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopWatching: (() => void) | undefined;
  private watchedClient: StudioClient | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: SettingsMemoryOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.flush();
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.watchedClient = undefined;
  }

  /** Called on every studio update: restores once per storage key, and once per signed-in account. */
  hostUpdated(): void {
    const client = this.options.client();
    // Nothing to restore into before the client exists (the prompt box appears once signed in); and
    // the first touch of localStorage opens the origin's storage, which the first paint must not wait for.
    if (!client) return;
    const key = this.storageKey();
    if (key !== this.restoredLocal) {
      this.restoredLocal = key;
      const local = this.readLocal(key);
      if (local) {
        this.latest = local;
        this.options.restore(local);
      }
    }
    const userId = this.options.userId();
    if (userId && client !== this.watchedClient) {
      this.watchedClient = client;
      this.stopWatching?.();
      this.stopWatching = client.watch(
        api.presets.list,
        {},
        (presets) => this.onAccountPresets(presets, userId),
        () => {},
      );
    }
  }

  /** The person changed something: kept at once in this browser, and soon in the account. */
  remember(model: string, change: Omit<SettingsChangeDetail, "model">): void {
    const settings: KeptSettings = {
      model,
      ...(change.negativePrompt ? { negativePrompt: change.negativePrompt } : {}),
      parameters: change.parameters,
      mode: change.mode,
      savedAt: Date.now(),
    };
    this.latest = settings;
    this.writeLocal(this.storageKey(), settings);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), ACCOUNT_SAVE_DELAY_MS);
  }

  /** The model alone changed (the picker). */
  rememberModel(model: string): void {
    const base = this.latest;
    this.remember(model, {
      parameters: base?.parameters ?? {},
      mode: base?.mode ?? "basic",
      ...(base?.negativePrompt ? { negativePrompt: base.negativePrompt } : {}),
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const client = this.options.client();
    const settings = this.latest;
    if (!client || !settings || !this.options.userId() || client.authState !== "signed-in") return;
    const { model, negativePrompt, parameters } = settings;
    // The account keeps what presets keep; the mode stays in the browser.
    void client
      .mutation(api.presets.save, {
        name: LAST_USED_PRESET,
        model,
        ...(negativePrompt ? { negativePrompt } : {}),
        parameters,
      })
      .catch(() => {
        // Kept in the browser anyway; an account that may not save presets (a token without the scope) loses nothing else.
      });
  }

  private onAccountPresets(presets: AccountPreset[], userId: string): void {
    if (this.restoredAccount === userId) return;
    this.restoredAccount = userId;
    const saved = presets.find((preset) => preset.name === LAST_USED_PRESET);
    if (!saved || (this.latest && this.latest.savedAt >= saved.updatedAt)) return;
    const settings: KeptSettings = {
      model: saved.model,
      ...(saved.negativePrompt ? { negativePrompt: saved.negativePrompt } : {}),
      parameters: saved.parameters,
      ...(this.latest?.mode ? { mode: this.latest.mode } : {}),
      savedAt: saved.updatedAt,
    };
    this.latest = settings;
    this.writeLocal(this.storageKey(), settings);
    this.options.restore(settings);
  }

  private storageKey(): string {
    return `pixorly:settings:v1:${this.options.apiUrl()}`;
  }

  private storage(): Pick<Storage, "getItem" | "setItem"> | null {
    if (this.options.storage !== undefined) return this.options.storage;
    try {
      return window.localStorage;
    } catch {
      // Storage blocked (a sandboxed iframe, privacy settings): the settings simply do not survive.
      return null;
    }
  }

  private readLocal(key: string): KeptSettings | null {
    try {
      const parsed = JSON.parse(this.storage()?.getItem(key) ?? "null") as Partial<KeptSettings> | null;
      if (
        !parsed ||
        typeof parsed.model !== "string" ||
        typeof parsed.parameters !== "object" ||
        parsed.parameters === null
      )
        return null;
      const parameters = Object.fromEntries(
        Object.entries(parsed.parameters).filter(([, value]) => typeof value === "number"),
      );
      return {
        model: parsed.model,
        parameters,
        ...(typeof parsed.negativePrompt === "string" ? { negativePrompt: parsed.negativePrompt } : {}),
        ...(parsed.mode === "basic" || parsed.mode === "advanced" ? { mode: parsed.mode } : {}),
        savedAt: typeof parsed.savedAt === "number" ? parsed.savedAt : 0,
      };
    } catch {
      return null;
    }
  }

  private writeLocal(key: string, settings: KeptSettings): void {
    try {
      this.storage()?.setItem(key, JSON.stringify(settings));
    } catch {
      // Full or blocked storage: nothing to do.
    }
  }
}
