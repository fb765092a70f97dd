/** Errors as a Convex deployment reports them to clients. */
import path from "node:path";
import { findSourceMap } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { JSONValue } from "convex/values";

/** An error whose message is meant for the caller (not found, bad arguments, …). */
export class UdfError extends Error {
  constructor(
    message: string,
    readonly data?: JSONValue,
  ) {
    super(message);
  }
}

export function notFound(udfPath: string, isPublic: boolean): UdfError {
  return new UdfError(
    `Could not find ${isPublic ? "public " : ""}function for '${udfPath}'. ` +
      "Did you forget to run `npx convex dev` or `npx convex deploy`?",
  );
}

/**
 * The user-code frames of a stack, as Convex shows them: paths relative to the app folder's parent
 * (`at handler (../convex/messages.ts:12:3)`), never the server's absolute paths.
 */
export function userFrames(stack: string | undefined, appDir: string): string {
  if (!stack || !appDir) return "";
  const prefix = `${appDir.replace(/[/\\]+$/, "")}${path.sep}`;
  const shown = `..${path.sep}${path.basename(appDir)}${path.sep}`;
  return stack
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .map(toSource)
    .filter((line) => line.includes(prefix) && !line.includes("node_modules"))
    .slice(0, 5)
    .map((line) => line.split(pathToFileURL(prefix).href).join(shown).split(prefix).join(shown))
    .join("\n");
}

/**
 * A frame in a bundled module, mapped to the TypeScript source through the bundle's source map
 * (Node may not have done it: a test runner can replace Error.prepareStackTrace).
 */
function toSource(line: string): string {
  const m = line.match(/^(\s*at (?:.* \()?)((?:file:\/\/)?[^()]+\.m?js):(\d+):(\d+)(\)?)$/);
  if (!m) return line;
  const file = m[2].startsWith("file://") ? fileURLToPath(m[2]) : m[2];
  const entry = findSourceMap(file)?.findEntry(Number(m[3]) - 1, Number(m[4]) - 1) as
    { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry?.originalSource || entry.originalLine === undefined) return line;
  const source = entry.originalSource.startsWith("file://")
    ? fileURLToPath(entry.originalSource)
    : entry.originalSource;
  return `${m[1]}${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}${m[5]}`;
}

export type ClientError = { message: string; data?: JSONValue; stack?: string };

/** Turns anything thrown by a function into what the client receives. */
export function toClientError(thrown: unknown, requestId: string, appDir: string): ClientError {
  const prefix = `[Request ID: ${requestId}] Server Error`;
  if (thrown instanceof UdfError) {
    return { message: `${prefix}\n${thrown.message}`, data: thrown.data };
  }
  const e = thrown as { message?: string; data?: unknown; stack?: string; name?: string };
  const isConvexError =
    typeof thrown === "object" && thrown !== null && Symbol.for("ConvexError") in (thrown as object);
  if (isConvexError) {
    let data: JSONValue;
    try {
      data = typeof e.data === "string" ? (JSON.parse(e.data) as JSONValue) : ((e.data ?? null) as JSONValue);
    } catch {
      data = String(e.data);
    }
    // A subclass keeps its own name, and the frames show where it was thrown, as on Convex.
    const frames = userFrames(e.stack, appDir);
    const name = e.name && e.name !== "Error" ? e.name : "ConvexError";
    return {
      message: `${prefix}\nUncaught ${name}: ${e.message ?? ""}${frames ? "\n" + frames : ""}`,
      data,
      stack: e.stack,
    };
  }
  const name = e?.name && e.name !== "Error" ? e.name : "Error";
  const frames = userFrames(e?.stack, appDir);
  return {
    message: `${prefix}\nUncaught ${name}: ${e?.message ?? String(thrown)}${frames ? "\n" + frames : ""}`,
    stack: e?.stack,
  };
}
