import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { contextOf, fromCleanJson, SnapshotFormatError, storageFileName, toCleanJson } from "./snapshot-format.js";
import { readZip, writeZip, ZipFormatError } from "./zip.js";

const bytes = (...b: number[]) => new Uint8Array(b).buffer;

describe("snapshot clean JSON with export contexts", () => {
  it("round-trips int64, bytes, NaN, infinities and nested values exactly", () => {
    const doc = {
      _id: "abc",
      _creationTime: 1.5,
      n: 2n ** 62n,
      raw: bytes(0, 255),
      f: [NaN, Infinity, -Infinity, 1.25],
      nested: { s: "5", big: -7n },
    };
    const json = JSON.parse(JSON.stringify(toCleanJson(doc)));
    expect(json.n).toBe("4611686018427387904");
    expect(json.raw).toBe("AP8=");
    const context = JSON.parse(JSON.stringify(contextOf(doc)));
    expect(context).toMatchObject({ n: "int64", raw: "bytes", nested: { big: "int64" } });
    expect(context.nested.s).toBeUndefined();
    expect(fromCleanJson(json, context)).toEqual(doc);
  });

  it("leaves plain documents without a context, and strings stay strings", () => {
    expect(contextOf({ a: "5", b: [1, "x"], c: null })).toBe("infer");
    expect(fromCleanJson({ a: "5" })).toEqual({ a: "5" });
  });

  it("names what is wrong in a bad context", () => {
    expect(() => fromCleanJson("12x", "int64")).toThrow(SnapshotFormatError);
    expect(() => fromCleanJson("Inf", "float64inf")).toThrow(/Infinity/);
    expect(() => fromCleanJson([1], ["infer", "infer"])).toThrow(/length/);
  });

  it("guesses a file extension from the content type, as Convex's export does", () => {
    expect(storageFileName("kg2", "image/png")).toBe("_storage/kg2.png");
    expect(storageFileName("kg2", "application/x-unknown")).toBe("_storage/kg2");
    expect(storageFileName("kg2", null)).toBe("_storage/kg2");
  });
});

describe("zip", () => {
  it("writes archives that it (and the central directory of any reader) reads back", () => {
    const entries = [
      { name: "README.md", data: Buffer.from("hello") },
      { name: "t/documents.jsonl", data: Buffer.from('{"a":1}\n'.repeat(1000)) },
      { name: "_storage/ünï.bin", data: new Uint8Array([1, 2, 3]) },
    ];
    const zip = writeZip(entries);
    expect(readZip(zip).map((e) => [e.name, Buffer.from(e.data).toString("hex")])).toEqual(
      entries.map((e) => [e.name, Buffer.from(e.data).toString("hex")]),
    );
    // The repeated JSON line is deflated.
    expect(zip.length).toBeLessThan(2000);
  });

  it("refuses what is not a ZIP, and corrupt entries", () => {
    expect(() => readZip(Buffer.from("not a zip at all, just some text that is long enough"))).toThrow(ZipFormatError);
    const zip = writeZip([{ name: "a.txt", data: Buffer.from("a".repeat(100)) }]);
    const deflatedAt = 30 + "a.txt".length;
    zip[deflatedAt + 1] ^= 0xff;
    expect(() => readZip(zip)).toThrow(/a\.txt/);
    expect(zlib.crc32("abc")).toBeTypeOf("number");
  });
});
