import { describe, expect, it } from "vitest";
import { contentDisposition, downloadBaseName, extensionFor, filenameProblem } from "./download";

describe("download file names", () => {
  it.each([
    ["", "Must not be empty"],
    ["   ", "Must not be empty"],
    ["a".repeat(201), "At most 200 characters"],
    ["../etc/passwd", "Must not contain / or \\ or control characters"],
    ["a\\b", "Must not contain / or \\ or control characters"],
    ["line\nbreak", "Must not contain / or \\ or control characters"],
    ["nul\u0000", "Must not contain / or \\ or control characters"],
    ["c1\u0085", "Must not contain / or \\ or control characters"],
    ["..", "Must name a file, not . or .."],
    ["..png", "Must name a file, not . or .."],
  ])("refuses %j", (name, problem) => {
    expect(filenameProblem(name)).toBe(problem);
  });

  it("accepts ordinary names, Unicode included, up to 200 characters", () => {
    for (const name of ["sunset", "Sonnenuntergang über der Bucht", "日落", "a".repeat(200), "my image (2).png"])
      expect(filenameProblem(name)).toBeNull();
  });

  it("drops an image extension, since the served format's is added", () => {
    expect(downloadBaseName(" sunset.PNG ")).toBe("sunset");
    expect(downloadBaseName("sunset.jpeg")).toBe("sunset");
    expect(downloadBaseName("report.v2")).toBe("report.v2");
  });

  it("names the extension after the served content type", () => {
    expect(["image/png", "image/jpeg", "image/webp", "image/avif", "image/gif"].map(extensionFor)).toEqual([
      "png",
      "jpg",
      "webp",
      "avif",
      "gif",
    ]);
  });

  it("writes an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987)", () => {
    expect(contentDisposition("pixorly-abc", "image/webp")).toBe(
      `attachment; filename="pixorly-abc.webp"; filename*=UTF-8''pixorly-abc.webp`,
    );
    expect(contentDisposition('Über "die" Bucht', "image/jpeg")).toBe(
      `attachment; filename="_ber _die_ Bucht.jpg"; filename*=UTF-8''%C3%9Cber%20%22die%22%20Bucht.jpg`,
    );
    expect(contentDisposition("it's (1)*", "image/png")).toBe(
      `attachment; filename="it's (1)*.png"; filename*=UTF-8''it%27s%20%281%29%2A.png`,
    );
  });
});
