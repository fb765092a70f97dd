import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipStream } from "./zip-stream";

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("zipStream", () => {
  it("writes a ZIP of the entries, fetching each only when the reader wants it", async () => {
    const entries = [
      { name: "a.png", body: bytes(1000, 1) },
      { name: "b.webp", body: bytes(70_000, 2) },
      { name: "c.jpg", body: bytes(1, 3) },
    ];
    let fetched = 0;
    const stream = zipStream(
      async () => (fetched < entries.length ? entries[fetched++]! : null),
      () => {},
    );
    expect(fetched).toBe(0);
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    chunks.push(first.value!);
    expect(fetched).toBe(1);
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(fetched).toBe(3);
    const archive = unzipSync(new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer()));
    expect(Object.keys(archive)).toEqual(["a.png", "b.webp", "c.jpg"]);
    for (const entry of entries) expect(archive[entry.name]).toEqual(entry.body);
  });

  it("an empty archive is still a valid ZIP", async () => {
    expect(
      unzipSync(
        await readAll(
          zipStream(
            async () => null,
            () => {},
          ),
        ),
      ),
    ).toEqual({});
  });

  it("ends the stream with the error when an entry cannot be fetched", async () => {
    const errors: unknown[] = [];
    let n = 0;
    const stream = zipStream(
      async () => {
        if (n++ === 0) return { name: "a.png", body: bytes(10, 1) };
        throw new Error("S3 is gone");
      },
      (e) => errors.push(e),
    );
    await expect(readAll(stream)).rejects.toThrow("S3 is gone");
    expect(errors).toHaveLength(1);
  });
});
