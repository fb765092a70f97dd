/**
 * Versions and changelogs (issue 19): the Changesets setup turns pending changesets into versions and
 * CHANGELOG.md entries, and the release workflow publishes with provenance. The workflow cannot run here,
 * so its shape is checked, and `npm run release` runs for real on a copy of the workspace's manifests.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "..");
const PUBLISHED = ["@pixorly/elements", "@pixorly/convex-local"];
const copy = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-release-"));
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
const workspaceDirs = () =>
  (manifest(ROOT).workspaces as string[])
    .flatMap((pattern) =>
      pattern.endsWith("/*")
        ? fs.readdirSync(path.join(ROOT, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`)
        : [pattern],
    )
    .filter((dir) => fs.existsSync(path.join(ROOT, dir, "package.json")));

describe("releases", () => {
  it("publishes exactly the public packages, each with the fields npm and strangers need", () => {
    const publicOnes = workspaceDirs()
      .map((dir) => manifest(path.join(ROOT, dir)))
      .filter((pkg) => !pkg.private);
    expect(publicOnes.map((pkg) => pkg.name).sort()).toEqual([...PUBLISHED].sort());
    for (const pkg of publicOnes) {
      for (const field of [
        "version",
        "description",
        "license",
        "repository",
        "engines",
        "exports",
        "files",
        "sideEffects",
      ]) {
        expect(pkg[field], `${pkg.name}: ${field}`).toBeDefined();
      }
      // Nothing private may be a runtime dependency of a published package.
      const privateNames = workspaceDirs()
        .map((dir) => manifest(path.join(ROOT, dir)))
        .filter((p) => p.private)
        .map((p) => p.name);
      expect(
        Object.keys(pkg.dependencies ?? {}).filter((name) => privateNames.includes(name)),
        pkg.name,
      ).toEqual([]);
    }
  });

  it("`npm run release` turns the pending changesets into versions and CHANGELOG.md entries", () => {
    const pending = fs
      .readdirSync(path.join(ROOT, ".changeset"))
      .filter((file) => file.endsWith(".md") && file !== "README.md");
    expect(pending.length).toBeGreaterThan(0);
    // The workspace's manifests and changesets, without node_modules or sources: what `changeset version` reads and writes.
    fs.cpSync(path.join(ROOT, ".changeset"), path.join(copy, ".changeset"), { recursive: true });
    fs.writeFileSync(path.join(copy, "package.json"), JSON.stringify(manifest(ROOT)));
    for (const dir of workspaceDirs()) {
      fs.mkdirSync(path.join(copy, dir), { recursive: true });
      fs.copyFileSync(path.join(ROOT, dir, "package.json"), path.join(copy, dir, "package.json"));
    }
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/@changesets/cli/bin.js"), "version"], {
      cwd: copy,
      stdio: "pipe",
    });
    for (const name of PUBLISHED) {
      const dir = workspaceDirs().find((d) => manifest(path.join(ROOT, d)).name === name)!;
      const before = manifest(path.join(ROOT, dir)).version;
      const after = manifest(path.join(copy, dir)).version;
      expect(after, name).not.toBe(before);
      const changelog = fs.readFileSync(path.join(copy, dir, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${after}`);
    }
    // Consumed: the changesets are gone once they are in the changelogs.
    expect(
      fs.readdirSync(path.join(copy, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md"),
    ).toEqual([]);
    // Private packages are never versioned.
    expect(manifest(path.join(copy, "packages/core")).version).toBe(manifest(path.join(ROOT, "packages/core")).version);
  });

  it("the release workflow tests first, then versions or publishes with npm provenance", () => {
    const workflow = parse(fs.readFileSync(path.join(ROOT, ".github/workflows/release.yml"), "utf8"));
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.permissions["id-token"]).toBe("write");
    const steps = workflow.jobs.release.steps as {
      run?: string;
      uses?: string;
      with?: Record<string, string>;
      env?: Record<string, string>;
    }[];
    const ci = steps.findIndex((step) => step.run === "bash .ci/run");
    const publish = steps.findIndex((step) => step.uses?.startsWith("changesets/action"));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(publish).toBeGreaterThan(ci);
    expect(steps[publish]!.with).toMatchObject({ version: "npm run release", publish: "npm run release:publish" });
    expect(steps[publish]!.env!.NPM_CONFIG_PROVENANCE).toBe("true");
    const scripts = manifest(ROOT).scripts;
    expect(scripts.release).toContain("changeset version");
    expect(scripts["release:publish"]).toBe("changeset publish");
  });
});
