/**
 * The deployment's admin key, as the self-hosted Convex backend has one: made on first start and kept in
 * `<data dir>/admin-key` (mode 0600), or given by `CONVEX_LOCAL_ADMIN_KEY`. `Authorization: Convex <key>`
 * is what `ConvexHttpClient.setAdminAuth(key, actingAs?)` and the Convex CLI send; an admin may call
 * internal functions and act as any identity (`<key>:<base64 JSON of UserIdentityAttributes>`).
 * Header parsing and the refusals follow the backend (crates/local_backend/src/authentication.rs,
 * crates/authentication/src/application_auth.rs): a wrong key is 401 `BadAdminKey`, a malformed
 * acting-as part 400 `HeaderParseFailure`.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { UserIdentity } from "./identity.js";

export const ADMIN_KEY_FILE = "admin-key";
export const ADMIN_KEY_ENV = "CONVEX_LOCAL_ADMIN_KEY";
/** Like `convex-self-hosted|…`: the part before `|` is the instance name the CLI may read. */
const KEY_PREFIX = "convex-local|";

export class AdminAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badAdminKey = () =>
  new AdminAuthError(401, "BadAdminKey", "The provided admin key was invalid for this instance");
const malformed = () => new AdminAuthError(400, "HeaderParseFailure", "Malformed Authorization header.");

/** Who an admin-authenticated call runs as: no user, or the identity it acts as. */
export type AdminCaller = { identity: UserIdentity | null };

/** Checks a key (never with `:`, which separates the acting-as part) given by the environment or a file. */
function checkKeyText(key: string, source: string): string {
  if (!/^[\x21-\x7e]{16,}$/.test(key) || key.includes(":") || /\s/.test(key)) {
    throw new Error(`${source}: an admin key must be at least 16 printable characters without spaces or ':'`);
  }
  return key;
}

/**
 * The key for this data folder: `CONVEX_LOCAL_ADMIN_KEY` if set, else the file, else a new one written
 * there. `created` is true only when this call wrote the file (the one time it is printed).
 */
export function loadAdminKey(
  dataDir: string,
  env: string | undefined = process.env[ADMIN_KEY_ENV],
): { key: string; created: boolean; file: string | null } {
  if (env !== undefined && env !== "")
    return { key: checkKeyText(env.trim(), ADMIN_KEY_ENV), created: false, file: null };
  const file = path.join(dataDir, ADMIN_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return { key: checkKeyText(fs.readFileSync(file, "utf8").trim(), file), created: false, file };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const key = `${KEY_PREFIX}${randomBytes(32).toString("hex")}`;
  try {
    // `wx`: two servers starting on one folder never overwrite each other's key.
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return loadAdminKey(dataDir, env);
    throw e;
  }
  return { key, created: true, file };
}

/** The two lines to paste into `.env.local` for `npx convex` in self-hosted mode. */
export function selfHostedLines(url: string, key: string): string[] {
  return [`CONVEX_SELF_HOSTED_URL=${url}`, `CONVEX_SELF_HOSTED_ADMIN_KEY='${key}'`];
}

/** `Convex …` (any case), as the backend tells an admin header from a bearer token. */
export function isAdminHeader(header: string): boolean {
  return header.slice(0, 7).toLowerCase() === "convex ";
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `prod:name|secret` → `name|secret`: the backend drops a deployment-type prefix before the `|`. */
function withoutTypePrefix(key: string): string {
  const bar = key.indexOf("|");
  if (bar < 0) return key;
  const instance = key.slice(0, bar);
  const colon = instance.indexOf(":");
  return (colon < 0 ? instance : instance.slice(colon + 1)) + key.slice(bar);
}

/** UserIdentityAttributes JSON → the identity functions see (tokenIdentifier, or `issuer|subject`). */
export function actingIdentity(attributes: unknown): UserIdentity {
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) throw malformed();
  const attrs = attributes as Record<string, unknown>;
  for (const field of ["tokenIdentifier", "subject", "issuer"]) {
    if (attrs[field] !== undefined && typeof attrs[field] !== "string") throw malformed();
  }
  const { tokenIdentifier, subject, issuer } = attrs as { tokenIdentifier?: string; subject?: string; issuer?: string };
  if (tokenIdentifier === undefined && (subject === undefined || issuer === undefined)) {
    throw new AdminAuthError(
      400,
      "HeaderParseFailure",
      'Either "tokenIdentifier" or "issuer" and "subject" must be set',
    );
  }
  return { ...attrs, tokenIdentifier: tokenIdentifier ?? `${issuer}|${subject}` } as UserIdentity;
}

/**
 * Checks an admin key with an optional acting-as identity (the socket's `Authenticate` with
 * `tokenType: "Admin"` carries them apart; the HTTP header joins them with `:`).
 */
export function checkAdmin(key: string, given: string, impersonating?: unknown): AdminCaller {
  if (typeof given !== "string" || !sameKey(withoutTypePrefix(given), key)) throw badAdminKey();
  return { identity: impersonating === undefined || impersonating === null ? null : actingIdentity(impersonating) };
}

/** `Convex <key>[:<base64 JSON>]` → the admin caller; a wrong key or a malformed identity is refused. */
export function verifyAdminHeader(key: string, header: string): AdminCaller {
  const rest = withoutTypePrefix(header.slice(7).trim());
  const colon = rest.indexOf(":");
  if (colon < 0) return checkAdmin(key, rest);
  const given = rest.slice(0, colon);
  // The key is checked first: an unauthenticated caller learns nothing from the identity part.
  if (!sameKey(given, key)) throw badAdminKey();
  let attributes: unknown;
  try {
    attributes = JSON.parse(Buffer.from(rest.slice(colon + 1), "base64").toString("utf8"));
  } catch {
    throw malformed();
  }
  return { identity: actingIdentity(attributes) };
}
