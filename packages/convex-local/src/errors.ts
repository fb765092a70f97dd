/** Errors as a Convex deployment reports them to clients. */
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

/** The user-code frames of a stack, as Convex shows them in development. */
function userFrames(stack: string | undefined, appDir: string): string {
  if (!stack) return "";
  return stack
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at ") && line.includes(appDir) && !line.includes("node_modules"))
    .slice(0, 5)
    .join("\n");
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
    let data: JSONValue = null;
    try {
      data = typeof e.data === "string" ? (JSON.parse(e.data) as JSONValue) : ((e.data ?? null) as JSONValue);
    } catch {
      data = String(e.data);
    }
    return { message: `${prefix}\nUncaught ConvexError: ${e.message ?? ""}`, data, stack: e.stack };
  }
  const name = e?.name && e.name !== "Error" ? e.name : "Error";
  const frames = userFrames(e?.stack, appDir);
  return {
    message: `${prefix}\nUncaught ${name}: ${e?.message ?? String(thrown)}${frames ? "\n" + frames : ""}`,
    stack: e?.stack,
  };
}
