/** Requests that arrive while convex-local is still loading the app wait and are answered. */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import fs from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startConvexLocal, type ConvexLocal } from "../src/index.js";
import { api } from "./fixture/convex/_generated/api.js";
import { FIXTURE_DIR, tempDataDir, waitFor } from "./harness.js";

const dataDir = tempDataDir();
let server: ConvexLocal | undefined;
afterAll(async () => {
  delete process.env.FIXTURE_LOAD_DELAY_MS;
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => {
      s.end();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });

describe("startup", () => {
  it("a query and a subscription sent in the loading window get their answers", async () => {
    // Holds the app's import (fixture/convex/slowload.ts) long enough to call into the window.
    process.env.FIXTURE_LOAD_DELAY_MS = "1500";
    process.env.TEST_JWT_ISSUER ??= "http://127.0.0.1:9"; // auth.config.ts needs one; no token is used here
    const port = await freePort();
    let ready = false;
    const starting = startConvexLocal({ dir: FIXTURE_DIR, dataDir, port, sitePort: 0, log: () => {} }).then((s) => {
      ready = true;
      server = s;
      return s;
    });
    await waitFor(() => accepts(port), "the port to accept connections");
    expect(ready).toBe(false);
    const url = `http://127.0.0.1:${port}`;
    // ConvexHttpClient has no timeout: without an answer this would hang for good.
    const viaHttp = new ConvexHttpClient(url).query(api.messages.count, {});
    const socket = new ConvexClient(url, { unsavedChangesWarning: false, logger: false });
    const viaSocket = socket.query(api.messages.count, {});
    expect(ready).toBe(false);
    expect(await viaHttp).toBe(0);
    expect(await viaSocket).toBe(0);
    await starting;
    await socket.close();
  });
});
