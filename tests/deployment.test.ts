/**
 * What can be checked of the production files without Docker or the network (docs/deployment.md):
 * the edge API's container bundle runs with plain `node` in production mode; `.env.example` explains every
 * variable the code reads; the Dockerfile and the compose file point at stages, scripts and paths that exist,
 * run as non-root and publish ports on loopback only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ensureLocalKeys } from "../edge-api/src/lib/local-keys";
import { buildEdge } from "../scripts/build-edge.mjs";

const root = resolve(__dirname, "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

/** Variables set by the platform, not by whoever deploys Pixorly. */
const PLATFORM_VARIABLES = new Set(["NODE_ENV", "CONVEX_CLOUD_URL", "CONVEX_SITE_URL", "PATH", "HOME"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "_generated" || name === "dist") return [];
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !/\.(test|testing)\.ts$/.test(name) ? [path] : [];
  });
}

/** Names read through `process.env.X`, `env.X` (edge config objects) or `processEnv.X`. */
function variablesReadBy(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const text = read(file);
    for (const match of text.matchAll(/\b(?:process\.env|env|processEnv)\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]);
    // Names passed to a reader (`positiveInt("PIXORLY_…", …)`, `process.env[name]`) appear as string literals.
    for (const match of text.matchAll(/["'`]((?:PIXORLY|CONVEX_LOCAL)_[A-Z0-9_]+)["'`]/g)) names.add(match[1]);
  }
  for (const name of PLATFORM_VARIABLES) names.delete(name);
  return names;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on("error", fail);
  });
}

describe(".env.example", () => {
  it("explains every variable the backend, the edge API and npm start read", () => {
    const documented = new Set([...read(".env.example").matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read_ = variablesReadBy([
      ...sourceFiles("convex"),
      ...sourceFiles("edge-api/src"),
      ...sourceFiles("cli"),
      "scripts/start.mjs",
    ]);
    expect(read_.size).toBeGreaterThan(20);
    expect([...read_].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);

  it("builds from stages and files that exist", () => {
    expect(stages).toEqual(expect.arrayContaining(["deps", "build", "edge-deps", "edge-api", "sites"]));
    for (const [, from] of dockerfile.matchAll(/--from=(\S+)/g)) expect(stages).toContain(from);
    // Plain COPY sources (not from another stage) are paths of this repository.
    for (const [line] of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*.+$/gm)) {
      const parts = line.replace(/^COPY (?:--\S+ )*/, "").split(/\s+/);
      for (const source of parts.slice(0, -1))
        if (source !== ".") expect(existsSync(join(root, source)), source).toBe(true);
    }
    for (const [, script] of dockerfile.matchAll(/node (scripts\/\S+)/g))
      expect(existsSync(join(root, script)), script).toBe(true);
  });

  it("runs the edge API as a non-root user, from the built bundle", () => {
    const edgeStage = dockerfile.split(/^FROM /m).find((stage) => /AS edge-api\b/.test(stage.split("\n")[0]))!;
    expect(edgeStage).toMatch(/^USER node$/m);
    expect(edgeStage).toMatch(/CMD \["node", "edge-api\/dist\/node\.mjs"\]/);
    expect(edgeStage).not.toMatch(/tsx/);
  });
});

describe("docker-compose.yml", () => {
  const compose = parseYaml(read("docker-compose.yml")) as {
    services: Record<string, { ports?: string[]; build?: { target?: string } }>;
  };

  it("publishes every port on loopback only and builds Dockerfile targets that exist", () => {
    const stages = [...read("Dockerfile").matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(["convex-backend", "minio", "edge-api", "sites"]),
    );
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect(port, `${name} ${port}`).toMatch(/^127\.0\.0\.1:/);
      if (service.build?.target) expect(stages).toContain(service.build.target);
    }
  });
});

describe("the edge API's container bundle", () => {
  let child: ChildProcess | undefined;
  let keysDir: string;
  let base: string;
  let output = "";

  beforeAll(async () => {
    const { outfile } = await buildEdge();
    expect(relative(root, outfile)).toBe(join("edge-api", "dist", "node.mjs"));
    keysDir = mkdtempSync(join(tmpdir(), "pixorly-deploy-"));
    const keys = await ensureLocalKeys(keysDir);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Production settings: no LOCAL_MODE, keys from the environment, a Convex that is not there.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      EDGE_API_PORT: String(port),
      PUBLIC_URL: base,
      CONVEX_URL: `http://127.0.0.1:${await freePort()}`,
      SIGNING_KEYS: keys.signingKeys,
      CLOUDFRONT_KEY_PAIR_ID: keys.cloudfront.keyPairId,
      CLOUDFRONT_PRIVATE_KEY: keys.cloudfront.privateKey,
      CLOUDFRONT_PUBLIC_KEYS: keys.cloudfront.publicKeys,
      S3_BUCKET: "pixorly-images",
      AWS_REGION: "us-east-1",
    };
    child = spawn(process.execPath, [outfile], { cwd: tmpdir(), env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const deadline = Date.now() + 20_000;
    while (!output.includes("edge API ready")) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bundle did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(() => {
    child?.kill("SIGTERM");
    rmSync(keysDir, { recursive: true, force: true });
  });

  it("starts with plain node, not in local mode, and publishes its signing key", async () => {
    expect(output).toContain('"localMode":false');
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    const [signing] = JSON.parse(readFileSync(join(keysDir, "signing.json"), "utf8")) as { kid: string }[];
    expect(jwks.keys.map((key) => key.kid)).toContain(signing.kid);
    // The dev sign-in exists only in local mode.
    expect((await fetch(`${base}/v1/dev/token`, { method: "POST", body: "{}" })).status).toBe(404);
    // Health names what is wrong: the configuration is fine, Convex is unreachable.
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ checks: { config: "ok", convex: "unreachable" } });
  });
});
