import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Store, defaultIndexes } from "/work/main/packages/convex-local/src/store.ts";
const VOCAB =
  "portrait landscape city neon night rain forest river mountain ocean sunset sunrise cat dog fox owl dragon robot castle village street market garden flower rose tulip tree snow winter summer autumn spring desert dune canyon space galaxy nebula planet moon star astronaut spaceship cyberpunk steampunk watercolor oil painting sketch ink charcoal pastel photo cinematic lighting golden hour soft dramatic moody vibrant pastel muted dark bright warm cold red orange yellow green blue purple pink black white silver gold copper glass crystal stone wood metal paper old young woman man child knight wizard witch queen king pirate sailor farmer chef dancer musician painter detailed intricate minimal abstract surreal realistic hyperrealistic stylized isometric aerial closeup wide macro lake harbour bridge tower temple ruins cave island volcano waterfall meadow field farm kitchen library cafe".split(
    " ",
  );
let s = 42;
const random = () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rank-"));
const store = new Store(dir);
const def = { name: "m.s", table: "m", searchField: "body", filterFields: ["author"] };
store.setIndexes(defaultIndexes("m"));
store.setSearchIndexes([def]);
store.transaction(() => {
  for (let i = 0; i < 12000; i++) {
    const w = 8 + Math.floor(random() * 14);
    const body = Array.from({ length: w }, () => VOCAB[Math.floor(random() * VOCAB.length)]).join(" ");
    store.write(
      "m",
      `id${i}`,
      { _id: `id${i}`, _creationTime: i, author: i < 10000 ? "me" : "other", body },
      store.nextTs(),
    );
  }
});
const qs = [
  "st",
  "red fox",
  "cat do",
  "neon city ni",
  "golden hour",
  "wa",
  "portrait of a woman",
  "co",
  "sun",
  "ca",
  "ma",
  "pa",
];
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let rep = 0; rep < 10; rep++)
  for (const q of qs)
    store.searchRanked(def, [
      { type: "Search", fieldPath: "body", value: q },
      { type: "Eq", fieldPath: "author", value: "me" },
    ]);
const u = process.cpuUsage(c0);
console.log(
  "per query cpu ms",
  ((u.user + u.system) / 1000 / 120).toFixed(2),
  "wall",
  ((performance.now() - t0) / 120).toFixed(2),
);
store.close();
fs.rmSync(dir, { recursive: true });
