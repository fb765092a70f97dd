import { describe, expect, it } from "vitest";
import {
  canonicalTransformQuery,
  negotiateFormat,
  outputFormatFor,
  parseTransformQuery,
  TransformParamError,
  transformParamsSchema,
} from "./transform-params";

const parse = (query: string) => parseTransformQuery(new URLSearchParams(query));
const paramOf = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof TransformParamError) return error.param;
    throw error;
  }
  return null;
};

describe("parseTransformQuery", () => {
  it("reads every parameter", () => {
    expect(parse("w=256&h=128&f=webp&q=80&fit=contain")).toEqual({ w: 256, h: 128, f: "webp", q: 80, fit: "contain" });
    expect(parse("")).toEqual({});
    expect(parse("w=4096&h=1&q=1")).toEqual({ w: 4096, h: 1, q: 1 });
    expect(parse("q=100&f=auto&fit=outside")).toEqual({ q: 100, f: "auto", fit: "outside" });
  });

  it.each([
    ["w=0", "w"],
    ["w=4097", "w"],
    ["h=-1", "h"],
    ["h=12.5", "h"],
    ["w=0256", "w"],
    ["w=", "w"],
    ["w=abc", "w"],
    ["q=0", "q"],
    ["q=101", "q"],
    ["f=gif", "f"],
    ["f=WEBP", "f"],
    ["fit=stretch", "fit"],
    ["w=1&w=2", "w"],
    ["width=100", "width"],
    ["w=10&format=png", "format"],
  ])("%s → an error naming %s", (query, param) => {
    expect(paramOf(query)).toBe(param);
  });

  it("says what is allowed", () => {
    expect(() => parse("w=5000")).toThrow('Parameter "w": must be between 1 and 4096.');
    expect(() => parse("f=gif")).toThrow("webp, avif, jpeg, png, auto");
    expect(() => parse("size=1")).toThrow('Unknown parameter "size"');
  });
});

describe("transformParamsSchema (JSON bodies)", () => {
  it("refuses unknown keys and out-of-range values", () => {
    expect(transformParamsSchema.safeParse({ w: 10, f: "png" }).success).toBe(true);
    expect(transformParamsSchema.safeParse({ width: 10 }).success).toBe(false);
    expect(transformParamsSchema.safeParse({ w: 4097 }).success).toBe(false);
    expect(transformParamsSchema.safeParse({ q: 1.5 }).success).toBe(false);
  });
});

describe("canonicalTransformQuery", () => {
  it("writes w, h, f, q, fit in that order whatever the input order", () => {
    expect(canonicalTransformQuery({ fit: "cover", q: 80, f: "webp", h: 2, w: 1 })).toBe(
      "w=1&h=2&f=webp&q=80&fit=cover",
    );
    expect(canonicalTransformQuery({ h: 64 })).toBe("h=64");
    expect(canonicalTransformQuery({})).toBe("");
  });
});

describe("negotiateFormat (f=auto)", () => {
  it.each([
    ["image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "avif"],
    ["image/webp,*/*", "webp"],
    ["image/avif;q=0,image/webp", "webp"],
    ["IMAGE/AVIF", "avif"],
    ["*/*", "jpeg"],
    ["image/*", "jpeg"],
    ["", "jpeg"],
    [undefined, "jpeg"],
  ])("Accept %s → %s", (accept, format) => {
    expect(negotiateFormat(accept)).toBe(format);
  });

  it("only applies to f=auto", () => {
    expect(outputFormatFor({ f: "png" }, "image/avif")).toBe("png");
    expect(outputFormatFor({ f: "auto" }, "image/webp")).toBe("webp");
    expect(outputFormatFor({ w: 10 }, "image/avif")).toBeUndefined();
  });
});
