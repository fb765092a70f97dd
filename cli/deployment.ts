/**
 * Which deployment the CLI talks to and with what key, and the one way it calls a function there:
 * the official `ConvexHttpClient` with admin auth (internal functions are callable only so), the
 * same way against convex-local (`npm start`) and a real Convex deployment.
 *
 * URL: `CONVEX_URL`, else `CONVEX_SELF_HOSTED_URL`, else the offline stack's http://127.0.0.1:3210.
 * Key: `CONVEX_ADMIN_KEY`, else `CONVEX_SELF_HOSTED_ADMIN_KEY`, else `CONVEX_DEPLOY_KEY`, else — for a
 * loopback URL only — the key convex-local keeps in `.pixorly/data/admin-key`.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import fs from "node:fs";
import path from "node:path";
import { CommandFailed } from "./usage";

export const OFFLINE_URL = "http://127.0.0.1:3210";

export interface Deployment {
  url: string;
  /** Where the key came from, for messages (never the key itself). */
  keySource: string;
  query<T>(name: string, args: Record<string, unknown>): Promise<T>;
  mutation<T>(name: string, args: Record<string, unknown>): Promise<T>;
}

type Env = Record<string, string | undefined>;

function isLoopback(url: string) {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** Finds the deployment URL and admin key, or fails saying what to set. */
export function resolveDeployment(env: Env, root: string): { url: string; key: string; keySource: string } {
  const url = (env.CONVEX_URL || env.CONVEX_SELF_HOSTED_URL || OFFLINE_URL).replace(/\/+$/, "");
  try {
    new URL(url);
  } catch {
    throw new CommandFailed(`CONVEX_URL is not a URL: "${url}"`);
  }
  for (const name of ["CONVEX_ADMIN_KEY", "CONVEX_SELF_HOSTED_ADMIN_KEY", "CONVEX_DEPLOY_KEY"]) {
    const key = env[name]?.trim();
    if (key) return { url, key, keySource: name };
  }
  const file = path.join(env.PIXORLY_DATA_DIR || path.join(root, ".pixorly/data"), "admin-key");
  if (!isLoopback(url))
    throw new CommandFailed(
      `No admin key for ${url}: set CONVEX_ADMIN_KEY (or CONVEX_DEPLOY_KEY) to the deployment's admin or deploy key.`,
    );
  let key = "";
  try {
    key = fs.readFileSync(file, "utf8").trim();
  } catch {
    // Reported below together with the empty case.
  }
  if (!key)
    throw new CommandFailed(
      `No admin key: ${path.relative(process.cwd(), file) || file} does not exist yet. Start the offline stack once (npm start), or set CONVEX_ADMIN_KEY.`,
    );
  return { url, key, keySource: path.relative(process.cwd(), file) || file };
}

/** A Convex validator's refusal names the argument path; say which argument and why in one line. */
function validatorMessage(text: string): string | null {
  if (!/ArgumentValidationError/.test(text)) return null;
  const field = /Path: \.(\w+)/.exec(text)?.[1];
  const value = /Value: (.+)/.exec(text)?.[1];
  const validator = /Validator: v\.id\("(\w+)"\)/.exec(text)?.[1];
  if (field && validator) return `${value ?? "That"} is not a ${validator.replace(/s$/, "")} id (${field}).`;
  return field ? `${value ?? "A value"} is not valid for ${field}.` : "The deployment refused the arguments.";
}

/** Turns whatever the client threw into one message an operator can act on. */
export function explain(error: unknown, url: string, keySource: string): CommandFailed {
  if (error instanceof ConvexError) {
    const data = error.data as
      { code?: string; message?: string; fields?: { field: string; message: string }[] } | string;
    if (typeof data === "string") return new CommandFailed(data);
    const lines = [`${data.message ?? "The deployment refused the request."}${data.code ? ` (${data.code})` : ""}`];
    // The message already names each field when there is one; list them only when there are several.
    if (data.fields && data.fields.length > 1) for (const f of data.fields) lines.push(`  ${f.field}: ${f.message}`);
    return new CommandFailed(lines.join("\n"));
  }
  const text = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(`${text} ${cause}`)) {
    return new CommandFailed(
      `Cannot reach Convex at ${url} (${cause || text}).${isLoopback(url) ? " Is the offline stack running (npm start)?" : ""}`,
    );
  }
  if (/admin key|BadAdminKey|Unauthorized|401/i.test(text)) {
    return new CommandFailed(
      `${url} refused the admin key from ${keySource}.${isLoopback(url) ? " (convex-local writes a new key when its data directory is new; unset CONVEX_ADMIN_KEY to use it.)" : ""}`,
    );
  }
  if (/Could not find public function|Could not find function/i.test(text)) {
    return new CommandFailed(
      `${url} does not have this function; deploy the current convex/ folder first (${text.split("\n")[0]}).`,
    );
  }
  return new CommandFailed(
    validatorMessage(text) ??
      `Convex answered with an error: ${text
        .replace(/^\[Request ID: [^\]]+\] /, "")
        .split("\n")
        .slice(0, 2)
        .join(" ")}`,
  );
}

export function connect(env: Env, root: string): Deployment {
  const { url, key, keySource } = resolveDeployment(env, root);
  const client = new ConvexHttpClient(url, { logger: false });
  // `setAdminAuth` is the official client's (marked internal in its types): it sends `Authorization: Convex <key>`,
  // which lets a caller with the deployment's admin key run internal functions, as the Convex CLI does.
  (client as unknown as { setAdminAuth(key: string): void }).setAdminAuth(key);
  const call = async <T>(run: () => Promise<unknown>): Promise<T> => {
    try {
      return (await run()) as T;
    } catch (error) {
      throw explain(error, url, keySource);
    }
  };
  return {
    url,
    keySource,
    query: (name, args) => call(() => client.query(makeFunctionReference<"query">(name), args)),
    mutation: (name, args) => call(() => client.mutation(makeFunctionReference<"mutation">(name), args)),
  };
}
