/**
 * A user's saved prompt-box settings, kept in the browser's localStorage under
 * `pixorly:prompt-presets:<user-key>` as a JSON array. What is read back is
 * checked entry by entry against core's schemas: a corrupt or foreign value drops
 * the entries it spoils, never the element.
 */
import { generationParametersSchema, generationRequestSchema, type GenerationParameters } from '@pixorly/core';
import { partial } from 'zod/mini';

export interface CustomPreset {
  name: string;
  negativePrompt?: string;
  parameters: Partial<GenerationParameters>;
}

export const PRESETS_STORAGE_PREFIX = 'pixorly:prompt-presets:';
export const MAX_PRESETS = 20;
export const MAX_PRESET_NAME_LENGTH = 40;

const presetParameters = partial(generationParametersSchema);
const negativePrompt = generationRequestSchema.shape.negativePrompt;

/** The localStorage key of one user's presets. */
export function presetsStorageKey(userKey: string): string {
  return `${PRESETS_STORAGE_PREFIX}${userKey}`;
}

/** The page's localStorage, or null where the browser refuses it (sandboxed frames, privacy modes). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The user's valid presets (an empty list when there are none or the stored value is unreadable). */
export function loadPresets(storage: Storage | null, userKey: string): CustomPreset[] {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(presetsStorageKey(userKey)) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry) => {
    const preset = readPreset(entry);
    return preset ? [preset] : [];
  }).slice(0, MAX_PRESETS);
}

/** Stores the presets; false when the browser would not (storage off or full). */
export function savePresets(storage: Storage | null, userKey: string, presets: readonly CustomPreset[]): boolean {
  if (!storage) return false;
  try {
    storage.setItem(presetsStorageKey(userKey), JSON.stringify(presets));
    return true;
  } catch {
    return false;
  }
}

/** `presets` with `preset` added, replacing one of the same name, newest first. */
export function withPreset(presets: readonly CustomPreset[], preset: CustomPreset): CustomPreset[] {
  const others = presets.filter((existing) => existing.name !== preset.name);
  return [preset, ...others].slice(0, MAX_PRESETS);
}

function readPreset(entry: unknown): CustomPreset | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const { name, negativePrompt: storedNegative, parameters } = entry as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_PRESET_NAME_LENGTH) return null;
  const parsedParameters = presetParameters.safeParse(parameters);
  if (!parsedParameters.success) return null;
  const preset: CustomPreset = { name, parameters: parsedParameters.data };
  if (storedNegative !== undefined) {
    const parsedNegative = negativePrompt.safeParse(storedNegative);
    if (!parsedNegative.success) return null;
    if (parsedNegative.data) preset.negativePrompt = parsedNegative.data;
  }
  return preset;
}
