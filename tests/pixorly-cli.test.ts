/**
 * The operator CLI (`npm run pixorly`) as an operator runs it: a separate process (and, for the
 * other cases, its `main` in this process), against a running convex-local that finds its admin
 * key in the data directory, with the edge API running beside it as `npm start` runs it. A partner the CLI creates can mint embed tokens that Convex accepts; its
 * rotation, origins and the user commands act on the deployment; bad input exits 2 naming what is
 * wrong before anything is sent, and deployment-side failures exit 1 with a plain reason.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../cli/deployment.js";
import { ensureLocalPartner } from "../cli/local-partner.js";
import { main } from "../cli/pixorly.js";
import type { ConvexLocal } from "../packages/convex-local/src/index.js";
import { ROOT, freePort, startOfflineBackend, type OfflineBackend } from "./support/offline-backend.js";

const ORIGIN = "https://studio.acme.example";

let backend: OfflineBackend;
let convex: ConvexLocal;
let edgeUrl: string;
let dataDir: string;
const tmp = () => backend.tmp();

beforeAll(async () => {
  backend = await startOfflineBackend();
  ({ convex, edgeUrl, dataDir } = backend);
}, 60_000);

afterAll(async () => {
  await backend?.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    CONVEX_URL: convex.url,
    PIXORLY_DATA_DIR: dataDir,
    PIXORLY_API_URL: edgeUrl,
  };
  for (const name of [
    "CONVEX_ADMIN_KEY",
    "CONVEX_SELF_HOSTED_URL",
    "CONVEX_SELF_HOSTED_ADMIN_KEY",
    "CONVEX_DEPLOY_KEY",
  ])
    delete base[name];
  return { ...base, ...env };
}

/** Runs the CLI exactly as `npm run pixorly --` does (a process), pointed at the test's convex-local through the environment. */
function spawnCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "cli/pixorly.ts"), ...args],
      { cwd: ROOT, env: cliEnv(env) },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The same command line through `main`, the function the process runs, in this process: the
 * remaining cases need no process of their own (starting one per command costs seconds under load).
 */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    cliEnv(env),
    (l) => out.push(l),
    (l) => err.push(l),
  );
  const text = (lines: string[]) => (lines.length > 0 ? `${lines.join("\n")}\n` : "");
  return { code, stdout: text(out), stderr: text(err) };
}

async function json<T>(args: string[], run: (args: string[]) => Promise<Run> = cli): Promise<T> {
  const result = await run([...args, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

function embedToken(secretKey: string, origin = ORIGIN) {
  return fetch(`${edgeUrl}/v1/embed/tokens`, {
    method: "POST",
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ userId: "user-1", origin }),
  });
}

const ensureUser = makeFunctionReference<
  "mutation",
  Record<string, never>,
  { userId: string; plan: string; credits: number }
>("users:ensure");

describe("partner commands", () => {
  it("creates a partner whose secret mints embed tokens that Convex accepts", async () => {
    const created = await json<{ partnerId: string; publishableKey: string; secretKey: string }>(
      [
        "partner",
        "create",
        "--name",
        "Acme Prints",
        "--origin",
        ORIGIN,
        "--scope",
        "generate",
        "--scope",
        "images:read",
      ],
      spawnCli,
    );
    expect(created.publishableKey).toMatch(/^pxp_/);
    expect(created.secretKey).toMatch(/^pxs_/);

    const res = await embedToken(created.secretKey);
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const client = new ConvexHttpClient(convex.url, { auth: token, logger: false });
    expect(await client.mutation(ensureUser, {})).toMatchObject({ credits: 0, plan: "pro" });
    // The publishable key identifies the partner but is not a credential.
    expect((await embedToken(created.publishableKey)).status).toBe(401);

    const listed = await json<
      { partnerId: string; allowedOrigins: string[]; allowedScopes: string[]; status: string }[]
    >(["partner", "list"]);
    const row = listed.find((p) => p.partnerId === created.partnerId);
    expect(row).toMatchObject({
      allowedOrigins: [ORIGIN],
      allowedScopes: ["generate", "images:read"],
      status: "active",
    });
    expect(JSON.stringify(listed)).not.toContain("pxs_");
  });

  it("prints the secret and publishable keys and a filled-in token request in its plain output", async () => {
    const run = await cli([
      "partner",
      "create",
      "--name",
      "Plain",
      "--origin",
      "https://plain.example,https://www.plain.example",
    ]);
    expect(run.code).toBe(0);
    const secret = /Secret key:\s+(pxs_\S+)/.exec(run.stdout)?.[1];
    expect(secret).toBeTruthy();
    expect(run.stdout).toMatch(/Publishable key: pxp_\S+/);
    expect(run.stdout).toContain(`${edgeUrl}/v1/embed/tokens`);
    expect((await embedToken(secret!, "https://www.plain.example")).status).toBe(200);
  });

  // The edge API remembers a secret's partner for 30 s (middleware/partner-auth.ts), so each check
  // below uses a secret the edge has not seen yet: what it answers is what Convex says now.
  it("rotates a secret (the old one works during the grace period, or stops at once) and replaces origins", async () => {
    const created = await json<{ partnerId: string; secretKey: string }>([
      "partner",
      "create",
      "--name",
      "Rotating",
      "--origin",
      ORIGIN,
    ]);
    const rotated = await json<{ secretKey: string; graceEndsAt: number }>([
      "partner",
      "rotate-secret",
      created.partnerId,
      "--grace",
      "600",
    ]);
    expect(rotated.secretKey).not.toBe(created.secretKey);
    expect(rotated.graceEndsAt).toBeGreaterThan(Date.now() + 500_000);
    expect((await embedToken(created.secretKey)).status).toBe(200);

    const revokedAtOnce = await json<{ secretKey: string }>([
      "partner",
      "rotate-secret",
      created.partnerId,
      "--grace",
      "0",
    ]);
    expect((await embedToken(rotated.secretKey)).status).toBe(401);

    const moved = await json<{ allowedOrigins: string[] }>([
      "partner",
      "set-origins",
      created.partnerId,
      "--origin",
      "https://NEW.example:443",
    ]);
    expect(moved.allowedOrigins).toEqual(["https://new.example"]);
    expect((await embedToken(revokedAtOnce.secretKey, "https://new.example")).status).toBe(200);
    expect((await embedToken(revokedAtOnce.secretKey, ORIGIN)).status).toBe(403);
  });

  it("suspends and reactivates a partner", async () => {
    const created = await json<{ partnerId: string; secretKey: string }>([
      "partner",
      "create",
      "--name",
      "Paused",
      "--origin",
      ORIGIN,
    ]);
    await json(["partner", "suspend", created.partnerId]);
    expect((await embedToken(created.secretKey)).status).toBe(401);
    const refused = await cli(["partner", "rotate-secret", created.partnerId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Reactivate the partner before rotating its secret/);
    await json(["partner", "reactivate", created.partnerId]);
    const fresh = await json<{ secretKey: string }>(["partner", "rotate-secret", created.partnerId]);
    expect((await embedToken(fresh.secretKey)).status).toBe(200);
  });
});

describe("user commands", () => {
  it("grants credits and sets the plan of the local user", async () => {
    const res = await fetch(`${edgeUrl}/v1/dev/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    const { token } = (await res.json()) as { token: string };
    const client = new ConvexHttpClient(convex.url, { auth: token, logger: false });
    const before = await client.mutation(ensureUser, {});

    const granted = await json<{ credits: number }>(["user", "grant-credits", before.userId, "1500"]);
    expect(granted.credits).toBe(before.credits + 1500);
    const plain = await cli(["user", "set-plan", before.userId, "enterprise", "--trial-ends", "2030-01-31"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("enterprise");
    expect(await client.mutation(ensureUser, {})).toMatchObject({ credits: before.credits + 1500, plan: "enterprise" });
  });
});

describe("bad input", () => {
  it.each([
    [["partner", "create", "--origin", ORIGIN], /--name is required/],
    [["partner", "create", "--name", "X"], /at least one --origin/],
    [
      ["partner", "create", "--name", "X", "--origin", "https://x.example/path"],
      /"https:\/\/x\.example\/path" is not an origin/,
    ],
    [["partner", "create", "--name", "X", "--origin", ORIGIN, "--scope", "admin"], /"admin" is not a scope/],
    [["partner", "create", "--name", "X", "--origin", ORIGIN, "--plan", "gold"], /"gold" is not a plan/],
    [["partner", "create", "--nmae", "X"], /Unknown option '--nmae'/],
    [["partner", "rotate-secret"], /Missing <partnerId>/],
    [["partner", "rotate-secret", "abc", "--grace=-5"], /--grace must be a whole number from 0 to 604,800/],
    [["user", "grant-credits", "abc", "1.5"], /<credits> must be a whole number/],
    [["user", "grant-credits", "abc"], /Missing <credits>/],
    [["user", "set-plan", "abc", "gold"], /"gold" is not a plan/],
    [["partner", "frobnicate"], /unknown command "partner frobnicate"/],
    [[], /Usage: npm run pixorly/],
  ])("%j exits 2 naming the problem, before connecting", async (args, message) => {
    const out: string[] = [];
    const err: string[] = [];
    // In-process (the same `main` the process runs) with no reachable deployment: usage errors never connect.
    const code = await main(
      args,
      { CONVEX_URL: "http://127.0.0.1:9" },
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(message);
    expect(out).toEqual([]);
  });

  it("the process exits 2 on a usage error, with the message on stderr only", async () => {
    const run = await spawnCli(["partner", "create", "--name", "X", "--origin", "ftp://x.example"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"ftp:\/\/x\.example" is not an origin/);
    expect(run.stdout).toBe("");
  });

  it("--help works for every command without a deployment", async () => {
    const run = await cli(["partner", "create", "--help"], { CONVEX_URL: "http://127.0.0.1:9" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: pixorly partner create/);
    for (const command of [
      "partner list",
      "partner rotate-secret",
      "partner set-origins",
      "user grant-credits",
      "user set-plan",
    ]) {
      expect((await cli([...command.split(" "), "--help"])).stdout).toMatch(new RegExp(`^Usage: pixorly ${command}`));
    }
  });

  it("deployment-side failures exit 1 with a plain reason", async () => {
    const unknown = await cli(["partner", "rotate-secret", "not-an-id"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"not-an-id" is not a partner id|Partner not found/);

    const noUser = await cli(["user", "grant-credits", "nobody", "5"]);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toMatch(/User not found/);

    const wrongKey = await cli(["partner", "list"], { CONVEX_ADMIN_KEY: "wrong-key" });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/refused the admin key from CONVEX_ADMIN_KEY/);

    const down = await spawnCli(["partner", "list"], { CONVEX_URL: `http://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach Convex at http:\/\/127\.0\.0\.1:\d+/);
    expect(down.stderr).not.toMatch(/at .*\.ts:\d+/);

    const remote = await cli(["partner", "list"], { CONVEX_URL: "https://happy-animal-123.convex.cloud" });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/No admin key for https:\/\/happy-animal-123\.convex\.cloud: set CONVEX_ADMIN_KEY/);
  });
});

describe("the local partner of npm start", () => {
  it("is created once, kept in a private file, and made again when the database no longer has it", async () => {
    const file = path.join(tmp(), "partner.json");
    const deployment = connect({ CONVEX_URL: convex.url, PIXORLY_DATA_DIR: dataDir }, ROOT);
    const origins = ["http://127.0.0.1:5173", "http://localhost:5173"];
    const first = await ensureLocalPartner(deployment, file, origins);
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await ensureLocalPartner(deployment, file, origins);
    expect(again).toMatchObject({
      created: false,
      partner: { partnerId: first.partner.partnerId, secretKey: first.partner.secretKey },
    });
    expect((await embedToken(first.partner.secretKey, "http://localhost:5173")).status).toBe(200);

    await deployment.mutation("partners:remove", { partnerId: first.partner.partnerId });
    const remade = await ensureLocalPartner(deployment, file, origins);
    expect(remade.created).toBe(true);
    expect(remade.partner.partnerId).not.toBe(first.partner.partnerId);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).secretKey).toBe(remade.partner.secretKey);
  });
});
