/**
 * The user's presets, saved to their account (`presets:list` / `save` / `remove`), for a prompt
 * box: listed live (so a preset saved in another tab or browser shows up here), saved from the
 * box's current settings, applied back to it. They used to live in one browser's localStorage.
 */
import { LIBRARY_LIMITS } from "@pixorly/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { api, type AccountPreset } from "../client/api.js";
import { toUserFacingError } from "../client/errors.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg, str } from "../i18n/localize.js";
import { LAST_USED_PRESET } from "./last-used-preset.js";
import { renderPresets } from "./prompt-box.presets.js";

/** What a preset holds besides its name: the box's current settings. */
export type PresetSettings = Omit<AccountPreset, "_id" | "name" | "updatedAt">;

export class AccountPresetsController implements ReactiveController {
  private name = "";
  private notice = "";
  private noticeIsError = false;
  private busy = false;
  private readonly list: QueryController<typeof api.presets.list>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      client: () => StudioClient | undefined;
      /** The box's current settings (its model, negative prompt and parameters). */
      current: () => PresetSettings | undefined;
      apply: (preset: AccountPreset) => void;
    },
  ) {
    host.addController(this);
    this.list = new QueryController(host, options.client, api.presets.list, () => (options.client() ? {} : SKIP));
  }

  hostConnected(): void {}

  /** The presets, by name (empty while loading). */
  get presets(): AccountPreset[] {
    return (this.list.value ?? []).filter((preset) => preset.name !== LAST_USED_PRESET);
  }

  render() {
    return renderPresets({
      presets: this.presets,
      loading: this.list.loading,
      loadError: this.list.error ? toUserFacingError(this.list.error).message : "",
      name: this.name,
      notice: this.notice,
      noticeIsError: this.noticeIsError,
      busy: this.busy,
      maxName: LIBRARY_LIMITS.presetName.maxLength,
      onName: (name) => {
        this.name = name;
        if (this.noticeIsError) this.show("", false);
      },
      onSave: () => void this.save(),
      onApply: (preset) => {
        this.options.apply(preset);
        this.show(msg(str`Applied “${preset.name}”.`), false);
      },
      onDelete: (preset) => void this.remove(preset),
    });
  }

  private async save(): Promise<void> {
    const name = this.name.trim();
    const { maxLength } = LIBRARY_LIMITS.presetName;
    if (!name) return this.show(msg("Give the preset a name first."), true);
    if (name.length > maxLength)
      return this.show(msg(str`A preset name is at most ${maxLength} characters; this one has ${name.length}.`), true);
    const settings = this.options.current();
    if (!settings) return this.show(msg("Choose a model first."), true);
    const replaces = this.presets.some((preset) => preset.name === name);
    if (await this.call((client) => client.mutation(api.presets.save, { name, ...settings }))) {
      this.name = "";
      this.show(replaces ? msg(str`Updated “${name}”.`) : msg(str`Saved “${name}”.`), false);
    }
  }

  private async remove(preset: AccountPreset): Promise<void> {
    if (await this.call((client) => client.mutation(api.presets.remove, { id: preset._id })))
      this.show(msg(str`Deleted “${preset.name}”.`), false);
  }

  private async call(action: (client: StudioClient) => Promise<unknown>): Promise<boolean> {
    const client = this.options.client();
    if (!client || this.busy) return false;
    this.busy = true;
    this.host.requestUpdate();
    try {
      await action(client);
      return true;
    } catch (error) {
      const problem = toUserFacingError(error);
      this.show(problem.fields?.[0]?.message ?? problem.message, true);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private show(notice: string, isError: boolean): void {
    this.notice = notice;
    this.noticeIsError = isError;
    this.host.requestUpdate();
  }
}
