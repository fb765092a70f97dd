/**
 * Prompt moderation behind one interface; the default is a local rule-based
 * check so it works offline. A provider-backed check can replace it.
 */
export type ModerationResult = { allowed: true } | { allowed: false; reason: string };

const BLOCKED = [/\bchild\s*(porn|sexual)/i, /\bcsam\b/i, /\bbeheading\b/i, /\bterror(ist)?\s+attack\s+instructions?\b/i];

export function moderatePrompt(text: string): ModerationResult {
  const hit = BLOCKED.find((rule) => rule.test(text));
  return hit ? { allowed: false, reason: "This prompt is not allowed by the content policy." } : { allowed: true };
}
