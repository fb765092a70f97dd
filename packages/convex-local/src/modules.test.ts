import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listModuleFiles } from "./modules.js";

describe("module discovery", () => {
  it("picks modules as the Convex CLI does", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modules-"));
    const files = [
      "messages.ts",
      "dir/nested.ts",
      "auth.config.ts",
      "schema.ts",
      "messages.test.ts",
      "vitest.config.ts",
      "fake.testing.ts",
      "types.d.ts",
      "notes.md",
      ".hidden.ts",
      "#emacs.ts",
      "_generated/api.js",
      "with space.ts",
    ];
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), "export {};\n");
    }
    expect(listModuleFiles(dir)).toEqual(["auth.config.ts", "dir/nested.ts", "messages.ts", "schema.ts"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
