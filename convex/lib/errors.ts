import { ConvexError } from "convex/values";
import { errorCodeInfo, type ErrorCode, type FieldIssue } from "@pixorly/core";

/** The one way functions fail for callers: `ConvexError({ code, message, fields? })` with codes from core. */
export function fail(code: ErrorCode, message?: string, fields?: FieldIssue[]): never {
  const data = { code, message: message ?? errorCodeInfo[code].message };
  throw new ConvexError(
    fields ? { ...data, fields: fields.map((f) => ({ field: f.field, message: f.message })) } : data,
  );
}
