import { describe, expect, it } from "vitest";
import { imageKeyOfUrl, imageUrlBases } from "./imageUrlInput";

const bases = ["https://images.pixorly.example", "https://api.pixorly.example/cdn"];
const key = "images/u1/j2/0.png";

describe("imageUrlBases", () => {
  it("takes the CDN base and the edge's /cdn route, normalized and without duplicates", () => {
    expect(
      imageUrlBases({
        PIXORLY_CDN_BASE_URL: "https://IMAGES.pixorly.example/",
        PIXORLY_EDGE_ISSUER: "https://api.pixorly.example",
      }),
    ).toEqual(bases);
    expect(
      imageUrlBases({
        PIXORLY_CDN_BASE_URL: "http://127.0.0.1:8787/cdn",
        PIXORLY_EDGE_ISSUER: "http://127.0.0.1:8787",
      }),
    ).toEqual(["http://127.0.0.1:8787/cdn"]);
    expect(imageUrlBases({ PIXORLY_CDN_BASE_URL: "not a url" })).toEqual([]);
  });
});

describe("imageKeyOfUrl", () => {
  it("reads the key from signed, public, download and transformed URLs on either base", () => {
    for (const url of [
      `https://images.pixorly.example/${key}`,
      `https://images.pixorly.example/${key}?w=512&f=webp&Expires=1&Signature=abc&Key-Pair-Id=K`,
      `https://api.pixorly.example/cdn/${key}?download=fox`,
      "https://images.pixorly.example/images/u1/j2/0%2Epng",
    ])
      expect(imageKeyOfUrl(url, bases)).toEqual({ ok: true, s3Key: key, userId: "u1" });
  });

  it("refuses garbage, other schemes, foreign hosts, look-alike hosts and non-image paths, saying why", () => {
    const refusal = (url: string) => {
      const result = imageKeyOfUrl(url, bases);
      return result.ok ? "accepted" : result.message;
    };
    expect(refusal("not a url")).toBe("Not a valid URL");
    expect(refusal(`ftp://images.pixorly.example/${key}`)).toBe("Must be an http(s) URL");
    expect(refusal(`https://evil.example/${key}`)).toBe(
      "Only Pixorly image URLs (images.pixorly.example or api.pixorly.example) are accepted, not evil.example",
    );
    expect(refusal(`https://images.pixorly.example.evil.example/${key}`)).toMatch(/not images\.pixorly\.example\.evil/);
    expect(refusal(`http://images.pixorly.example/${key}`)).toMatch(/^Only Pixorly image URLs/);
    expect(refusal(`https://api.pixorly.example/${key}`)).toMatch(/^Only Pixorly image URLs/);
    expect(refusal(`https://user:pw@images.pixorly.example/${key}`)).toMatch(/no credentials/);
    expect(refusal("https://images.pixorly.example/inputs/u1/abc.png")).toBe(
      "This Pixorly URL does not point to an image",
    );
    expect(refusal("https://images.pixorly.example/images/u1/j2/0.png/x")).toBe(
      "This Pixorly URL does not point to an image",
    );
    expect(refusal("https://images.pixorly.example/images/u1/j2/%E0%A4%A.png")).toBe(
      "The URL's path is not validly encoded",
    );
    expect(imageKeyOfUrl(`https://images.pixorly.example/${key}`, [])).toEqual({
      ok: false,
      message: "Pixorly image URLs are not accepted here (no CDN base is configured)",
    });
  });
});
