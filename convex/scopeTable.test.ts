/** The README's scope table is generated from the code (`scripts/scope-table.mjs`); this fails when it is stale. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error a plain ESM script without types
import { BEGIN, END, README, publicFunctions, renderScopeTable } from "../scripts/scope-table.mjs";

describe("README scope table", () => {
  it("matches the scopes the functions declare (run node scripts/scope-table.mjs to update it)", async () => {
    const readme = readFileSync(README, "utf8");
    const current = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
    const fresh = renderScopeTable(
      await publicFunctions(async (path: string) => await import(/* @vite-ignore */ path)),
    );
    expect(current).toBe(fresh);
  });
});
