import { errorCodeInfo, isErrorCode, type ErrorCode } from "@pixorly/core";
import { ConvexError } from "convex/values";

export interface UserFacingError {
  code: ErrorCode;
  /** A sentence for people, never internal detail. */
  message: string;
  fields?: { field: string; message: string }[];
}

/**
 * Turns anything thrown by a Convex call into what the UI shows: the backend's own
 * message when it sent a Pixorly error (those are written for people), otherwise
 * the plain default for the code.
 */
export function toUserFacingError(error: unknown): UserFacingError {
  if (error instanceof ConvexError) {
    const data = error.data as { code?: unknown; message?: unknown; fields?: UserFacingError["fields"] };
    if (isErrorCode(data?.code)) {
      return {
        code: data.code,
        message: typeof data.message === "string" && data.message ? data.message : errorCodeInfo[data.code].message,
        ...(data.fields ? { fields: data.fields } : {}),
      };
    }
  }
  const text = error instanceof Error ? error.message : "";
  if (/Unauthenticated|authenticat/i.test(text))
    return { code: "UNAUTHENTICATED", message: errorCodeInfo.UNAUTHENTICATED.message };
  return { code: "INTERNAL", message: errorCodeInfo.INTERNAL.message };
}

/** The plain sentence for a job's stored error (`{ code, message }` from the generation run). */
export function jobErrorMessage(error: { code: string; message: string } | undefined): string {
  if (error?.message) return error.message;
  return isErrorCode(error?.code) ? errorCodeInfo[error.code].message : errorCodeInfo.INTERNAL.message;
}
