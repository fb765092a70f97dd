/** The store across restarts: a schema that adds an index to a table that already has documents. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { encodeKey, KEY_END } from "./keys.js";
import { defaultIndexes, Store } from "./store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it("adding an index to a table with documents builds its entries from them on the next start", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-store-"));
  dirs.push(dir);
  const first = new Store(dir);
  first.setIndexes(defaultIndexes("images"));
  first.transaction(() => {
    for (let i = 0; i < 150; i++) {
      first.write("images", `id${i}`, { _id: `id${i}`, _creationTime: i, s3Key: `k${149 - i}` }, first.nextTs());
    }
  });
  first.close();

  const second = new Store(dir);
  second.setIndexes([...defaultIndexes("images"), { name: "images.by_s3_key", table: "images", fields: ["s3Key"] }]);
  const entries = [...second.scan("images.by_s3_key", encodeKey([]), Buffer.from([KEY_END]), "asc")];
  expect(entries).toHaveLength(150);
  // In s3Key order: document idN has key k(149 - N).
  const byKey = [...Array(150).keys()]
    .map((i) => ({ id: `id${i}`, key: `k${149 - i}` }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  expect(entries.map((e) => e.id)).toEqual(byKey.map((e) => e.id));
  second.close();
});
