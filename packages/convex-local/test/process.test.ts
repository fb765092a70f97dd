/** The `convex-local` command as a process: readiness, kill -9 durability, restarts, reloads, stack traces. */
import { ConvexHttpClient } from "convex/browser";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { FIXTURE_DIR, startIssuer, tempDataDir, waitFor, type Issuer } from "./harness.js";

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "convex-local.mjs");

type Running = { proc: ChildProcess; url: string; output: () => string };

async function launch(dir: string, dataDir: string, extra: string[] = []): Promise<Running> {
  const proc = spawn(
    process.execPath,
    [BIN, "--dir", dir, "--data", dataDir, "--port", "0", "--site-port", "0", ...extra],
    {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const url = await waitFor(
    () => out.match(/API (http:\/\/127\.0\.0\.1:\d+)/)?.[1],
    `convex-local to start:\n${out}`,
    20_000,
  );
  const res = await fetch(`${url}/version`);
  expect(res.status).toBe(200);
  return { proc, url, output: () => out };
}

function kill9(r: Running): Promise<void> {
  return new Promise((resolve) => {
    r.proc.once("exit", () => resolve());
    r.proc.kill("SIGKILL");
  });
}

let issuer: Issuer;
const running: Running[] = [];
beforeAll(async () => {
  issuer = await startIssuer();
  process.env.TEST_JWT_ISSUER = issuer.url;
});
afterAll(async () => {
  for (const r of running) if (r.proc.exitCode === null && r.proc.signalCode === null) await kill9(r);
  await issuer.close();
});

describe("convex-local process", () => {
  it("acknowledged mutations survive kill -9, and scheduled jobs run after the restart", async () => {
    const dataDir = tempDataDir();
    const first = await launch(FIXTURE_DIR, dataDir, ["--no-watch"]);
    running.push(first);
    const client = new ConvexHttpClient(first.url);
    const ids = [];
    for (let i = 0; i < 25; i++)
      ids.push(await client.mutation(api.messages.send, { author: "durable", body: `n${i}` }));
    const jobId = await client.mutation(api.jobs.scheduleLabel, { label: "after-restart", delayMs: 1500 });
    await kill9(first);

    const second = await launch(FIXTURE_DIR, dataDir, ["--no-watch"]);
    running.push(second);
    const again = new ConvexHttpClient(second.url);
    const bodies = (await again.query(api.messages.list, {})).map((m) => m.body);
    expect(bodies).toEqual(Array.from({ length: 25 }, (_, i) => `n${i}`));
    await waitFor(
      async () => (await again.query(api.jobs.labels, {})).includes("after-restart"),
      "the job after restart",
    );
    expect((await again.query(api.jobs.status, { id: jobId }))?.state.kind).toBe("success");
    await kill9(second);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads environment variables from --env-file (the process environment wins)", async () => {
    const envFile = path.join(tempDataDir(), "test.env");
    fs.writeFileSync(envFile, "FIXTURE_GREETING=hello from the file\nTEST_JWT_ISSUER=http://ignored.invalid\n");
    const r = await launch(FIXTURE_DIR, tempDataDir(), ["--no-watch", "--env-file", envFile]);
    running.push(r);
    const client = new ConvexHttpClient(r.url);
    expect(await client.query(api.messages.envVar, { name: "FIXTURE_GREETING" })).toBe("hello from the file");
    expect(await client.query(api.messages.envVar, { name: "TEST_JWT_ISSUER" })).toBe(issuer.url);
    await kill9(r);
  });

  it("console output from a function reaches the server log once, and the server's own lines are never attributed to a function", async () => {
    const r = await launch(FIXTURE_DIR, tempDataDir(), ["--no-watch"]);
    running.push(r);
    const client = new ConvexHttpClient(r.url);
    expect(await client.mutation("messages:noisy" as never, { word: "hello" } as never)).toBe(5);
    await waitFor(() => r.output().includes("noisy warns hello"), "the warning in the server log");
    expect(r.output().match(/\[LOG\] noisy says hello/g)).toHaveLength(1);
    // The server's own lines are never mistaken for the function's output.
    expect(r.output()).not.toMatch(/\[LOG\] \d\d:\d\d/);
    await kill9(r);
  });

  it("--reset starts from an empty database", async () => {
    const dataDir = tempDataDir();
    const first = await launch(FIXTURE_DIR, dataDir, ["--no-watch"]);
    running.push(first);
    await new ConvexHttpClient(first.url).mutation(api.messages.send, { author: "x", body: "y" });
    await kill9(first);
    const second = await launch(FIXTURE_DIR, dataDir, ["--no-watch", "--reset"]);
    running.push(second);
    expect(await new ConvexHttpClient(second.url).query(api.messages.count, {})).toBe(0);
    await kill9(second);
  });

  it("reloads when a module changes, and errors point at the TypeScript source", async () => {
    // A copy of the fixture beside node_modules, so its imports resolve.
    const appDir = path.join(
      path.dirname(FIXTURE_DIR),
      "..",
      "..",
      "node_modules",
      ".cache",
      "convex-local-test",
      `app-${process.pid}`,
    );
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.cpSync(FIXTURE_DIR, appDir, { recursive: true });
    const r = await launch(appDir, tempDataDir());
    running.push(r);
    const client = new ConvexHttpClient(r.url);
    const err = await client.mutation(api.messages.sendThenFail, { body: "x" }).catch((e: Error) => e);
    expect(String(err)).toMatch(/boom after writing/);
    await waitFor(() => /messages\.ts:\d+:\d+/.test(r.output()), "a stack trace with the .ts source");
    expect(r.output()).toMatch(/M messages:sendThenFail [\d.]+ms error/);

    const file = path.join(appDir, "messages.ts");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("async () => 42", "async () => 43"));
    await waitFor(async () => (await client.query(api.messages.slowAnswer, {})) === 43, "the reloaded function");
    expect(r.output()).toMatch(/reloaded/);

    fs.writeFileSync(file, "export const broken = ;");
    await waitFor(() => /reload failed/.test(r.output()), "the reload error");
    expect(await client.query(api.messages.slowAnswer, {})).toBe(43);
    await kill9(r);
    fs.rmSync(appDir, { recursive: true, force: true });
  });

  it("bad command-line input exits with a clear message", async () => {
    const proc = spawn(process.execPath, [BIN, "--port", "banana"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    proc.stderr!.on("data", (d) => (out += d));
    const code = await new Promise((r) => proc.once("exit", r));
    expect(code).toBe(1);
    expect(out).toMatch(/--port must be a port number/);
  });
});
