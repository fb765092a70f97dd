/**
 * The account preset that holds the studio's last used settings (`studio/settings-memory.ts`);
 * "My presets" does not list it. A module of its own so the studio's first paint does not carry
 * the presets UI to know the name.
 */
export const LAST_USED_PRESET = "Pixorly: last used settings";
