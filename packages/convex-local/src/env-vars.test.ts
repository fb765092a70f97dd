import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DeploymentEnv, EnvVarError } from "./env-vars.js";
import { Store } from "./store.js";

const stores: Store[] = [];
function store(dir = fs.mkdtempSync(path.join(os.tmpdir(), "env-vars-"))) {
  const s = new Store(dir);
  stores.push(s);
  return { s, dir };
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const name of ["ENV_VARS_TEST_A", "ENV_VARS_TEST_FILE"]) delete process.env[name];
});

describe("deployment environment variables", () => {
  it("sets, lists and removes, reaching process.env, and survives a restart", () => {
    const { s, dir } = store();
    const env = new DeploymentEnv(s);
    env.update([{ name: "ENV_VARS_TEST_A", value: "one" }]);
    expect(process.env.ENV_VARS_TEST_A).toBe("one");
    expect(env.list()).toEqual([{ name: "ENV_VARS_TEST_A", value: "one" }]);
    s.close();
    stores.pop();
    delete process.env.ENV_VARS_TEST_A;
    const again = new DeploymentEnv(store(dir).s);
    expect(again.get("ENV_VARS_TEST_A")).toEqual({ name: "ENV_VARS_TEST_A", value: "one" });
    again.update([{ name: "ENV_VARS_TEST_A", value: null }]);
    expect(process.env.ENV_VARS_TEST_A).toBeUndefined();
    expect(again.list()).toEqual([]);
  });

  it("lists the env file's variables, never the rest of the process environment", () => {
    process.env.ENV_VARS_TEST_FILE = "from file";
    const env = new DeploymentEnv(store().s, ["ENV_VARS_TEST_FILE"]);
    expect(env.list()).toEqual([{ name: "ENV_VARS_TEST_FILE", value: "from file" }]);
    expect(env.get("PATH")).toBeNull();
  });

  it("refuses bad names and values, changing nothing", () => {
    const env = new DeploymentEnv(store().s);
    expect(() =>
      env.update([
        { name: "ENV_VARS_TEST_A", value: "ok" },
        { name: "has space", value: "x" },
      ]),
    ).toThrow(EnvVarError);
    expect(process.env.ENV_VARS_TEST_A).toBeUndefined();
    expect(() => env.update([{ name: "A".repeat(41), value: "x" }])).toThrow(/40 characters/);
    expect(() => env.update([{ name: "ENV_VARS_TEST_A", value: 5 }])).toThrow(/must be a string/);
    expect(() => env.update([{ name: "ENV_VARS_TEST_A", value: "x".repeat(8193) }])).toThrow(/8192 bytes/);
    expect(() => env.update("nope")).toThrow(/array/);
  });
});
