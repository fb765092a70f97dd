/**
 * The supported-browser contract of the embeddable bundle (issue 17): package.json's `browserslist` becomes
 * esbuild's targets, and dist/pixorly.js with every chunk uses no syntax those browsers cannot parse and no
 * built-in newer than them without a feature-detected fallback (packages/elements/src/internal/browser-floor.ts).
 * A regression here means a partner's Safari 14 or Firefox 88 visitors get a blank studio.
 */
import * as acorn from "acorn";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error a plain .mjs build script without types
import { browserslist, esbuildTargets } from "../packages/elements/scripts/browser-targets.mjs";

const elements = path.join(import.meta.dirname, "../packages/elements");
const dist = path.join(elements, "dist");

function bundleFiles(): { name: string; code: string }[] {
  // Built by `npm test -- packages/elements` (and `npm start`); built here when missing.
  if (!fs.existsSync(path.join(dist, "pixorly.js"))) {
    execFileSync("node", ["scripts/build.mjs", "--bundle-only"], { cwd: elements, stdio: "ignore" });
  }
  return fs
    .readdirSync(dist)
    .filter((name) => /^pixorly(-.*)?\.js$/.test(name))
    .map((name) => ({ name, code: fs.readFileSync(path.join(dist, name), "utf8") }));
}

/**
 * Built-ins newer than the floor that the bundle may call only behind a fallback or a feature check.
 * `pattern` finds a call; `fallback` says where the code copes without it.
 */
const NEWER_THAN_FLOOR: { api: string; pattern: RegExp; fallback: string }[] = [
  { api: "Array/String.prototype.at (Firefox 90, Safari 15.4)", pattern: /\.at\(/, fallback: "installFloorFallbacks" },
  { api: "Object.hasOwn (Firefox 92, Safari 15.4)", pattern: /Object\.hasOwn\b/, fallback: "installFloorFallbacks" },
  {
    api: "crypto.randomUUID (Firefox 95, Safari 15.4)",
    pattern: /\.randomUUID\(/,
    fallback: 'typeof crypto.randomUUID === "function"',
  },
  { api: "structuredClone (Firefox 94, Safari 15.4)", pattern: /\bstructuredClone\(/, fallback: "" },
  { api: "Array.prototype.findLast (Firefox 104, Safari 15.4)", pattern: /\.findLast(Index)?\(/, fallback: "" },
  { api: "AbortSignal.timeout (Firefox 100, Safari 16)", pattern: /AbortSignal\.timeout\b/, fallback: "" },
  {
    api: "toSorted/toReversed/with (Firefox 115, Safari 16)",
    pattern: /\.to(Sorted|Reversed|Spliced)\(/,
    fallback: "",
  },
];

describe("the elements' supported browsers", () => {
  it("derives esbuild targets from browserslist, matching the specification", () => {
    expect(browserslist()).toEqual(
      expect.arrayContaining(["chrome >= 90", "edge >= 90", "firefox >= 88", "safari >= 14", "ios_saf >= 14"]),
    );
    expect(esbuildTargets()).toEqual(["chrome90", "edge90", "firefox88", "safari14", "ios14"]);
  });

  it("refuses a browserslist entry it cannot turn into a target", () => {
    expect(() => esbuildTargets(["defaults"])).toThrow(/"defaults" is neither/);
    expect(() => esbuildTargets(["opera >= 70"])).toThrow(/no esbuild engine for "opera"/);
    expect(() => esbuildTargets([])).toThrow(/non-empty list/);
  });

  it("ships pixorly.js and chunks that parse as ES2021 (no class fields, top-level await or newer)", () => {
    const files = bundleFiles();
    expect(files.map((file) => file.name)).toContain("pixorly.js");
    for (const { name, code } of files) {
      expect(() => acorn.parse(code, { ecmaVersion: 2021, sourceType: "module" }), name).not.toThrow();
    }
  });

  it("has no regular-expression lookbehind, which Safari before 16.4 cannot even parse", () => {
    for (const { name, code } of bundleFiles())
      expect(/\(\?<[=!]/.test(code), `${name} holds a lookbehind`).toBe(false);
  });

  it("calls newer built-ins only where a fallback or a feature check exists", () => {
    const all = bundleFiles()
      .map((file) => file.code)
      .join("\n");
    const fallbacks = fs.readFileSync(path.join(elements, "src/internal/browser-floor.ts"), "utf8");
    for (const { api, pattern, fallback } of NEWER_THAN_FLOOR) {
      if (!pattern.test(all)) continue;
      expect(fallback, `${api} is used by the bundle without a fallback`).not.toBe("");
      if (fallback === "installFloorFallbacks") expect(fallbacks).toContain(`export function ${fallback}`);
    }
  });
});
