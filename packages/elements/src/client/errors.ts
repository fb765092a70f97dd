import { isErrorCode, type ErrorCode } from "@pixorly/core";
import type { ConvexError, Value } from "convex/values";
import { codeMessage, shownCodeMessage } from "../i18n/error-messages.js";

export interface UserFacingError {
  code: ErrorCode;
  /** A sentence for people, never internal detail. */
  message: string;
  fields?: { field: string; message: string }[];
}

/**
 * Whether `error` is a `ConvexError`, by the brand Convex puts on every instance
 * (`Symbol.for("ConvexError")`) rather than `instanceof`: importing the class brings convex's value
 * encoding (~8 KB) into the studio's first paint, which shows this module's messages.
 */
export function isConvexError(error: unknown): error is ConvexError<Value> {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[Symbol.for("ConvexError")] === true;
}

/**
 * Turns anything thrown by a Convex call into what the UI shows: the backend's own
 * message when it sent a Pixorly error (those are written for people), otherwise
 * the plain default for the code — in another language than English, the code's
 * translated sentence (the backend writes English).
 */
export function toUserFacingError(error: unknown): UserFacingError {
  if (isConvexError(error)) {
    const data = error.data as { code?: unknown; message?: unknown; fields?: UserFacingError["fields"] };
    if (isErrorCode(data?.code)) {
      return {
        code: data.code,
        message: shownCodeMessage(data.code, typeof data.message === "string" ? data.message : undefined),
        ...(data.fields ? { fields: data.fields } : {}),
      };
    }
  }
  const text = error instanceof Error ? error.message : "";
  if (/Unauthenticated|authenticat/i.test(text))
    return { code: "UNAUTHENTICATED", message: codeMessage("UNAUTHENTICATED") };
  return { code: "INTERNAL", message: codeMessage("INTERNAL") };
}

/** The plain sentence for a job's stored error (`{ code, message }` from the generation run). */
export function jobErrorMessage(error: { code: string; message: string } | undefined): string {
  if (isErrorCode(error?.code)) return shownCodeMessage(error.code, error.message);
  return error?.message || codeMessage("INTERNAL");
}
