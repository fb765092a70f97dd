import { describe, expect, it } from "vitest";
import { parseEnvFile } from "./env-file.js";

describe("env files", () => {
  it("reads KEY=value lines with comments, quotes and export", () => {
    expect(parseEnvFile("# c\nA=1\nexport B=\"two words\"\nC='x#y'\nD=plain # trailing\n\n")).toEqual({
      A: "1",
      B: "two words",
      C: "x#y",
      D: "plain",
    });
  });

  it("names the line that is not KEY=value", () => {
    expect(() => parseEnvFile("A=1\nthis is wrong")).toThrow(/Line 2/);
  });
});
