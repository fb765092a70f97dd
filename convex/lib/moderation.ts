/**
 * Prompt moderation behind one interface; the default is a local rule-based
 * check so it works offline. A provider-backed check can replace it. Each rule
 * has a stable id: the moderation log records which rule refused, never the prompt.
 */
export type ModerationResult = { allowed: true } | { allowed: false; reason: string; rule: string };

const RULES: { id: string; pattern: RegExp }[] = [
  { id: "sexual-minors", pattern: /\bchild\s*(porn|sexual)/i },
  { id: "sexual-minors", pattern: /\bcsam\b/i },
  { id: "graphic-violence", pattern: /\bbeheading\b/i },
  { id: "violent-instructions", pattern: /\bterror(ist)?\s+attack\s+instructions?\b/i },
];

export const POLICY_MESSAGE = "This prompt is not allowed by the content policy.";

export function moderatePrompt(text: string): ModerationResult {
  const hit = RULES.find((rule) => rule.pattern.test(text));
  return hit ? { allowed: false, reason: POLICY_MESSAGE, rule: hit.id } : { allowed: true };
}
