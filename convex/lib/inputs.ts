/**
 * Checks for inputs that the generation schemas do not cover (names, scopes, origins).
 * Each check adds field issues, so a caller hears about every wrong field at once.
 */
import { USER_SCOPES, isUserScope, type FieldIssue, type UserScope } from "@pixorly/core";
import { fail } from "./errors";

export class InputIssues {
  readonly issues: FieldIssue[] = [];

  add(field: string, message: string) {
    this.issues.push({ field, message });
  }

  /** Throws INVALID_ARGUMENT naming every wrong field, if there is one. */
  throwIfAny() {
    if (this.issues.length === 0) return;
    fail("INVALID_ARGUMENT", this.issues.map((i) => `${i.field}: ${i.message}`).join("; "), this.issues);
  }
}

/** A trimmed display name within the limits, or the name unchanged after reporting it. */
export function checkName(
  issues: InputIssues,
  field: string,
  name: string,
  limits: { minLength: number; maxLength: number },
) {
  const trimmed = name.trim();
  if (trimmed.length < limits.minLength) issues.add(field, "Name must not be blank");
  else if (trimmed.length > limits.maxLength) issues.add(field, `Name must be at most ${limits.maxLength} characters`);
  return trimmed;
}

/** A non-empty set of user scopes (duplicates dropped); "service" or unknown scopes are reported. */
export function checkScopes(issues: InputIssues, field: string, scopes: string[]): UserScope[] {
  if (scopes.length === 0) issues.add(field, `Give at least one of ${USER_SCOPES.join(", ")}`);
  scopes.forEach((scope, i) => {
    if (!isUserScope(scope))
      issues.add(`${field}.${i}`, `"${scope}" is not a scope; expected one of ${USER_SCOPES.join(", ")}`);
  });
  return [...new Set(scopes.filter(isUserScope))];
}

const ORIGIN_SHAPE = /^https?:\/\/[^/?#@\s]+\/?$/i;
const HOSTNAME = /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/;

/**
 * `scheme://host[:port]` as browsers send it in the `Origin` header (lowercase host,
 * default port dropped), or null for anything else: paths, queries, credentials,
 * wildcards and other schemes are refused rather than guessed at.
 */
export function normalizeOrigin(input: string): string | null {
  const raw = input.trim();
  if (!ORIGIN_SHAPE.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return HOSTNAME.test(url.hostname) ? url.origin : null;
}

export function checkOrigins(issues: InputIssues, field: string, origins: string[]): string[] {
  const normalized: string[] = [];
  origins.forEach((origin, i) => {
    const n = normalizeOrigin(origin);
    if (n) normalized.push(n);
    else issues.add(`${field}.${i}`, `"${origin}" is not an origin; use http(s)://host[:port] with no path`);
  });
  return [...new Set(normalized)];
}
