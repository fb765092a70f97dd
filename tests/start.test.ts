/**
 * `npm start`'s own rules, checked without starting the studio: an unknown option is a usage error, and a
 * port already taken stops the start before anything runs, naming the variable that moves the service.
 */
import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const START = path.resolve(__dirname, "../scripts/start.mjs");
let holder: net.Server;
let heldPort: number;

beforeAll(async () => {
  holder = net.createServer();
  await new Promise<void>((done) => holder.listen(0, "127.0.0.1", done));
  heldPort = (holder.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => holder.close(() => done())));

function start(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [START, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("npm start", () => {
  it("refuses an unknown option with its usage (exit 2)", () => {
    const run = start(["--rest"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option --rest");
    expect(run.stderr).toContain("--reset");
  });

  it("stops before starting anything when a port is taken, naming the variable that moves it", () => {
    const run = start([], { EDGE_API_PORT: String(heldPort) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`port ${heldPort} for the edge API is already in use`);
    expect(run.stderr).toContain("EDGE_API_PORT=<port>");
    // Nothing was built or started.
    expect(run.stdout).not.toContain("elements: built");
  });
});
