/**
 * Body limits on a real socket: a 100 MB body is refused with 413 after the headers, without the
 * server reading it. The client announces 100 MB and sends only the first 64 KB: a server that
 * waited for the body would never answer, one that answers has not read it.
 */
import { createAdaptorServer } from "@hono/node-server";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { BODY_LIMITS } from "../src/middleware/body-limit";
import { testEnv } from "./helpers";

const HUNDRED_MB = 100 * 1024 * 1024;
let server: Server;
let port: number;

beforeAll(async () => {
  // Local mode and no credentials: the dev sign-in is the route that read 100 MB bodies unauthenticated.
  const app = createApp(await testEnv(), { logger: () => {} });
  server = createAdaptorServer({ fetch: app.fetch, hostname: "127.0.0.1" }) as Server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** POSTs `headers` and a first chunk, never the rest; resolves with the answer and how much was sent. */
function announceHugeBody(
  path: string,
  headers: Record<string, string | number>,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method: "POST", headers: { "Content-Type": "application/json", ...headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode!, body, sent: req.socket?.bytesWritten ?? 0 });
          req.destroy();
        });
      },
    );
    req.on("error", reject);
    req.write(`{"userId":"${"a".repeat(64 * 1024)}`);
  });
}

describe("body limits", () => {
  it.each(["/v1/dev/token", "/v1/embed/tokens", "/api/v1/generate", "/v1/images/urls", "/v1/partner/api-keys"])(
    "413 naming the limit for a declared 100 MB body on POST %s, without reading it",
    async (path) => {
      const res = await announceHugeBody(path, { "Content-Length": HUNDRED_MB });
      expect(res.status).toBe(413);
      const body = JSON.parse(res.body);
      expect(body.code).toBe("INVALID_ARGUMENT");
      const limit = BODY_LIMITS[`POST ${path}` as keyof typeof BODY_LIMITS] / 1024;
      expect(body.message).toContain(`(${limit} KB)`);
      expect(res.sent).toBeLessThan(1024 * 1024);
    },
  );

  it("413 for a chunked body once it passes the limit, without waiting for the rest", async () => {
    const res = await announceHugeBody("/v1/dev/token", { "Transfer-Encoding": "chunked" });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toContain("(1 KB)");
  });

  it("routes without a body take at most 1 KB, unknown paths too", async () => {
    for (const path of ["/healthz", "/nope"]) {
      const res = await announceHugeBody(path, { "Content-Length": HUNDRED_MB });
      expect(res.status, path).toBe(413);
    }
  });

  it("a body within the limit still works", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/dev/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId: "ok" }),
    });
    expect(res.status).toBe(200);
  });
});
