import { describe, expect, it } from "vitest";
import { normalizePrompt, utf16Length } from "./text";

describe("normalizePrompt", () => {
  it("leaves nothing of a prompt made only of invisible characters", () => {
    expect(normalizePrompt("\u200B\u200C\u200D\u2060\uFEFF\u00AD")).toBe("");
    expect(normalizePrompt(" \u200D \u200B ")).toBe("");
  });

  it("strips NUL, other control characters and lone surrogates, keeping tabs and newlines", () => {
    expect(normalizePrompt("a\u0000b\u0007c\u009Fd")).toBe("abcd");
    expect(normalizePrompt("sun\uD800set\uDC00")).toBe("sunset");
    expect(normalizePrompt("line one\r\nline\ttwo")).toBe("line one\nline\ttwo");
  });

  it("keeps surrogate pairs and the joiner inside an emoji sequence", () => {
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}";
    expect(normalizePrompt(`a ${family} b`)).toBe(`a ${family} b`);
  });

  it("composes to NFC", () => {
    expect(normalizePrompt("cafe\u0301")).toBe("caf\u00E9");
  });
});

describe("utf16Length", () => {
  it("counts UTF-16 code units, so an astral character counts twice", () => {
    expect(utf16Length("\u{1F600}")).toBe(2);
  });
});
