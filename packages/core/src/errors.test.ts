import { describe, expect, it } from "vitest";
import { pixorlyErrorDataSchema } from "./error-schemas";
import { ERROR_CODES, ErrorCode, errorCodeInfo, isErrorCode, pixorlyErrorData } from "./errors";

describe("error codes", () => {
  it("lists every code once, each with a message and an HTTP status", () => {
    expect(ERROR_CODES).toHaveLength(22);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) {
      expect(ErrorCode[code]).toBe(code);
      expect(errorCodeInfo[code].message.length).toBeGreaterThan(10);
      expect(errorCodeInfo[code].httpStatus).toBeGreaterThanOrEqual(400);
      expect(errorCodeInfo[code].httpStatus).toBeLessThan(600);
    }
  });

  it("keeps internal errors a 500 and client errors 4xx", () => {
    expect(errorCodeInfo.INTERNAL.httpStatus).toBe(500);
    expect(errorCodeInfo.INVALID_ARGUMENT.httpStatus).toBe(400);
    expect(errorCodeInfo.UNAUTHENTICATED.httpStatus).toBe(401);
    expect(errorCodeInfo.RATE_LIMITED.httpStatus).toBe(429);
  });

  it("recognises codes", () => {
    expect(isErrorCode("NOT_FOUND")).toBe(true);
    expect(isErrorCode("not_found")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});

describe("pixorlyErrorData", () => {
  it("uses the default message when none is given", () => {
    expect(pixorlyErrorData("INSUFFICIENT_CREDITS")).toEqual({
      code: "INSUFFICIENT_CREDITS",
      message: errorCodeInfo.INSUFFICIENT_CREDITS.message,
    });
  });

  it("keeps a custom message and field issues", () => {
    const fields = [{ field: "parameters.width", message: "Too wide" }];
    expect(pixorlyErrorData("INVALID_ARGUMENT", "Bad size", fields)).toEqual({
      code: "INVALID_ARGUMENT",
      message: "Bad size",
      fields,
    });
  });

  it("leaves out an empty field list", () => {
    expect(pixorlyErrorData("INVALID_ARGUMENT", undefined, [])).not.toHaveProperty("fields");
  });

  it("parses received error data and rejects unknown codes", () => {
    expect(pixorlyErrorDataSchema.safeParse(pixorlyErrorData("TIMEOUT")).success).toBe(true);
    expect(pixorlyErrorDataSchema.safeParse({ code: "OOPS", message: "x" }).success).toBe(false);
    expect(pixorlyErrorDataSchema.safeParse({ code: "TIMEOUT" }).success).toBe(false);
  });
});
