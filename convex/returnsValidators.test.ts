/**
 * Every public Convex function declares what it returns (`returns`), as it declares its `args`: clients
 * (the elements, the edge API, the REST API's OpenAPI) rely on the shape, and Convex checks it on every call
 * only when it is declared. This fails for a function that has none, naming it.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error a plain ESM script without types
import { moduleFiles } from "../scripts/scope-table.mjs";

type Registered = {
  isPublic?: boolean;
  isInternal?: boolean;
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  exportReturns?: () => string;
  exportArgs?: () => string;
};

describe("returns validators", () => {
  it("every public and internal query, mutation and action declares args and returns", async () => {
    const missing: string[] = [];
    let checked = 0;
    for (const { module, path } of moduleFiles() as { module: string; path: string }[]) {
      const exports = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        const fn = value as Registered;
        if (typeof value !== "function" || !(fn.isQuery || fn.isMutation || fn.isAction) || !fn.exportReturns) continue;
        checked++;
        if (JSON.parse(fn.exportReturns()) === null) missing.push(`${module}:${name} (returns)`);
        if (JSON.parse(fn.exportArgs!()).type === "any") missing.push(`${module}:${name} (args)`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
