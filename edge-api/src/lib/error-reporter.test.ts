/**
 * Unhandled errors reach a Sentry receiver (a fake one on 127.0.0.1 that parses the real envelope format),
 * scrubbed; without SENTRY_DSN nothing leaves the process.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { createRouter } from "./openapi";
import { testEnv } from "../../test/helpers";

interface Received {
  path: string;
  auth: string | undefined;
  header: Record<string, unknown>;
  item: Record<string, unknown>;
  event: Record<string, any>;
}

let server: Server;
let received: Received[] = [];
let dsn: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      // An envelope: header line, item header line, item payload line.
      const [header, item, event] = body
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
      received.push({
        path: req.url ?? "",
        auth: req.headers["x-sentry-auth"] as string | undefined,
        header,
        item,
        event,
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: header.event_id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  dsn = `http://publickey123@127.0.0.1:${(server.address() as AddressInfo).port}/42`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJl";

async function appThatFails(env: Record<string, string | undefined>, sent: string[]) {
  const app = createApp(await testEnv(env), {
    logger: () => {},
    fetch: async (input, init) => {
      sent.push(String(input));
      return fetch(input, init);
    },
  });
  const router = createRouter();
  router.get("/boom/:id", () => {
    throw new Error(
      `provider refused prompt "a red fox" for ada@example.com with Bearer ${JWT} and key pxs_abcdef123456`,
    );
  });
  app.route("/", router);
  return app;
}

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("error reporting", () => {
  it("sends an unhandled error to SENTRY_DSN with release, environment and request id, and nothing secret", async () => {
    received = [];
    const sent: string[] = [];
    const app = await appThatFails(
      { SENTRY_DSN: dsn, SENTRY_RELEASE: "pixorly@1.2.3", SENTRY_ENVIRONMENT: "staging" },
      sent,
    );
    const res = await app.request("/boom/img_9?token=secret-token&prompt=cat", {
      headers: {
        "X-Request-Id": "req-77",
        Authorization: `Bearer ${JWT}`,
        Cookie: "session=abc",
        "X-Api-Key": "px_live_0123456789",
      },
    });
    expect(res.status).toBe(500);
    await until(() => received.length > 0);
    expect(received).toHaveLength(1);
    const [{ path, auth, header, item, event }] = received;
    expect(path).toBe("/api/42/envelope/");
    expect(auth).toContain("sentry_key=publickey123");
    expect(header.event_id).toBe(event.event_id);
    expect(item.type).toBe("event");
    expect(event).toMatchObject({
      release: "pixorly@1.2.3",
      environment: "staging",
      level: "error",
      tags: { service: "edge-api", request_id: "req-77", route: "/boom/:id", method: "GET" },
      request: { url: "http://localhost/boom/img_9", method: "GET" },
    });
    expect(event.exception.values[0].type).toBe("Error");
    expect(event.exception.values[0].stacktrace.frames.length).toBeGreaterThan(0);
    const text = JSON.stringify({ header, event });
    for (const secret of [
      JWT,
      "secret-token",
      "prompt=cat",
      "ada@example.com",
      "pxs_abcdef123456",
      "px_live_0123456789",
      "session=abc",
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(Object.keys(event.request.headers ?? {}).map((name) => name.toLowerCase())).not.toContain("authorization");
  });

  it("sends nothing without SENTRY_DSN, and nothing for handled errors", async () => {
    received = [];
    const sent: string[] = [];
    const app = await appThatFails({ SENTRY_DSN: undefined }, sent);
    expect((await app.request("/boom/1")).status).toBe(500);
    const withDsn = await appThatFails({ SENTRY_DSN: dsn }, sent);
    expect((await withDsn.request("/nope")).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent).toEqual([]);
    expect(received).toEqual([]);
  });

  it("names SENTRY_DSN when it is not a DSN", async () => {
    const env = await testEnv();
    expect(() => createApp({ ...env, SENTRY_DSN: "not a url" })).toThrow(/SENTRY_DSN is not a Sentry DSN/);
    expect(() => createApp({ ...env, SENTRY_DSN: "https://sentry.example/42" })).toThrow(/SENTRY_DSN .*public key/);
    expect(() => createApp({ ...env, SENTRY_DSN: "https://k@sentry.example/project" })).toThrow(/numeric project id/);
  });

  it("defaults the environment from local mode", async () => {
    const env = await testEnv({ SENTRY_DSN: dsn });
    expect(createApp(env).services.config.errorReporting?.environment).toBe("local");
  });
});
