/** Checks for library inputs (ids per call, tags, names), reported as INVALID_ARGUMENT naming the field. */
import { LIBRARY_LIMITS, normalizePrompt, normalizeTag } from "@pixorly/core";
import { InputIssues, checkName } from "./inputs";

/** Refuses more than `max` ids in one call (`field` names the list). */
export function checkIdCount(field: string, ids: string[], max: number = LIBRARY_LIMITS.idsPerCall) {
  const issues = new InputIssues();
  if (ids.length > max) issues.add(field, `At most ${max} ids per call`);
  issues.throwIfAny();
}

/** Tags as stored: normalised, blank or long ones reported (`tags.2`), duplicates dropped, order kept. */
export function checkTags(issues: InputIssues, field: string, tags: string[]): string[] {
  const { maxLength } = LIBRARY_LIMITS.tag;
  const normalized: string[] = [];
  tags.forEach((raw, i) => {
    const tag = normalizeTag(raw);
    if (tag === "") issues.add(`${field}.${i}`, "Tag must not be blank");
    else if (tag.length > maxLength) issues.add(`${field}.${i}`, `Tag must be at most ${maxLength} characters`);
    else normalized.push(tag);
  });
  return [...new Set(normalized)];
}

/** A tag list that will be an image's whole set of tags: at most `tagsPerImage`. */
export function checkTagCount(issues: InputIssues, field: string, tags: string[]) {
  const max = LIBRARY_LIMITS.tagsPerImage;
  if (tags.length > max) issues.add(field, `At most ${max} tags per image`);
}

/** A display name on one line, in the prompt's normal form (no control or invisible characters). */
export function displayName(
  issues: InputIssues,
  field: string,
  name: string,
  limits: { minLength: number; maxLength: number },
): string {
  return checkName(issues, field, normalizePrompt(name).replace(/\s+/g, " "), limits);
}

/** `displayName` for a call whose only named input is `name`. */
export function checkDisplayName(name: string, limits: { minLength: number; maxLength: number }): string {
  const issues = new InputIssues();
  const normalized = displayName(issues, "name", name, limits);
  issues.throwIfAny();
  return normalized;
}
