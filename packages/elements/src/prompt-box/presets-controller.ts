import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { browserStorage, loadPresets, savePresets, withPreset, type CustomPreset } from './custom-presets.js';
import { renderPresets } from './prompt-box.presets.js';

/**
 * The user's saved presets for a prompt box: reloaded from storage whenever the
 * user key changes, saved from the box's current settings, applied back to it.
 */
export class PresetsController implements ReactiveController {
  presets: CustomPreset[] = [];
  private name = '';
  private notice = '';
  private loadedFor: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      userKey: () => string;
      /** The box's current settings as a preset (without a name). */
      current: () => Omit<CustomPreset, 'name'>;
      apply: (preset: CustomPreset) => void;
    },
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const userKey = this.options.userKey();
    if (userKey === this.loadedFor) return;
    this.loadedFor = userKey;
    this.presets = userKey ? loadPresets(browserStorage(), userKey) : [];
    this.notice = '';
  }

  render() {
    return renderPresets({
      presets: this.presets,
      name: this.name,
      notice: this.notice,
      onName: (name) => {
        this.name = name;
      },
      onSave: () => this.save(),
      onApply: (preset) => {
        this.options.apply(preset);
        this.show(`Applied "${preset.name}".`);
      },
      onDelete: (preset) => this.store(this.presets.filter((existing) => existing !== preset), `Deleted "${preset.name}".`),
    });
  }

  private save(): void {
    const name = this.name.trim();
    if (!name) return this.show('Give the preset a name first.');
    if (this.store(withPreset(this.presets, { name, ...this.options.current() }), `Saved "${name}".`)) this.name = '';
  }

  private store(presets: CustomPreset[], done: string): boolean {
    if (!savePresets(browserStorage(), this.options.userKey(), presets)) {
      this.show('This browser did not let Pixorly store your presets.');
      return false;
    }
    this.presets = presets;
    this.show(done);
    return true;
  }

  private show(notice: string): void {
    this.notice = notice;
    this.host.requestUpdate();
  }
}
