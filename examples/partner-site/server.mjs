#!/usr/bin/env node
/**
 * A partner's own web server, as small as it can be: it serves the partner's page (index.html, which
 * loads Pixorly with one script tag) and `POST /api/pixorly-token`, the endpoint `<pixorly-studio>`
 * calls for its short-lived embed tokens. Only this server ever holds the partner's secret key; it
 * trades it for a token bound to the signed-in user and to the page's origin
 * (`POST /v1/embed/tokens` on Pixorly's edge API).
 *
 * Plain `node:http`, no dependencies, so a partner can read all of it in a few minutes and port it to
 * their own stack. See README.md beside it.
 *
 *   PIXORLY_PARTNER_SECRET=pxs_… node examples/partner-site/server.mjs
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const PAGE = fs.readFileSync(path.join(here, "index.html"), "utf8");
const USER_COOKIE = "acme_user";

/**
 * The secret key: PIXORLY_PARTNER_SECRET, or offline (`npm start`) the local partner's key from
 * .pixorly/partner.json, read on every request so a rotation on the demo's partner page is picked up.
 * Returns null when there is none.
 */
export function secretFromEnv(env = process.env) {
  if (env.PIXORLY_PARTNER_SECRET) return () => env.PIXORLY_PARTNER_SECRET;
  const file = env.PIXORLY_PARTNER_FILE || path.join(root, ".pixorly/partner.json");
  return () => {
    try {
      const secret = JSON.parse(fs.readFileSync(file, "utf8")).secretKey;
      return typeof secret === "string" && secret ? secret : null;
    } catch {
      return null;
    }
  };
}

/** This site's origins: where the browser may call the token endpoint from, and what a token is bound to. */
function siteOrigins(port, extra) {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extra]);
}

/**
 * Who is signed in. A real site has its own sign-in; here each browser gets a random user id in a
 * cookie, so two browsers are two Pixorly users with their own images.
 */
function userOf(req, res) {
  const cookie = /(?:^|;\s*)acme_user=([A-Za-z0-9_-]{8,64})/.exec(req.headers.cookie ?? "");
  if (cookie) return cookie[1];
  const id = `acme-${crypto.randomBytes(9).toString("base64url")}`;
  res.setHeader("Set-Cookie", `${USER_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
  return id;
}

function sendJson(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * Starts the partner site. Options: `port` (0 for any free one), `apiUrl` and `convexUrl` (Pixorly's
 * edge API and backend), `scriptUrl` (where `pixorly.js` is served), `secret` (a function returning
 * the secret key or null), `origins` (more origins this site is reached at), `ttlSeconds` (token
 * lifetime, 60–900), `log`. Resolves to `{ url, port, close() }`.
 */
export async function startPartnerSite(options) {
  const { apiUrl, convexUrl, scriptUrl, secret, ttlSeconds, log = () => {} } = options;
  let origins = new Set();
  const page = PAGE.replace(
    /%(PIXORLY_[A-Z_]+)%/g,
    (match, name) =>
      ({ PIXORLY_SCRIPT_URL: scriptUrl, PIXORLY_CONVEX_URL: convexUrl, PIXORLY_API_URL: apiUrl })[name] ?? match,
  );

  async function mintToken(req, res) {
    // Only this site's own pages may ask (a browser always sends Origin on a POST): another site
    // cannot get a token for the visitor's account. The token is bound to that same origin.
    const origin = req.headers.origin;
    if (!origin || !origins.has(origin))
      return sendJson(res, 403, { error: "This endpoint only answers this site's own pages." });
    const key = secret();
    if (!key)
      return sendJson(res, 500, { error: "The server has no Pixorly secret key (set PIXORLY_PARTNER_SECRET)." });
    const userId = userOf(req, res);
    let answer;
    try {
      answer = await fetch(`${apiUrl}/v1/embed/tokens`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ userId, origin, ...(ttlSeconds ? { ttlSeconds } : {}) }),
      });
    } catch (error) {
      log(`token: Pixorly's API is unreachable (${error instanceof Error ? error.message : error})`);
      return sendJson(res, 502, { error: "Pixorly could not be reached." });
    }
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      // Pixorly's message is for this site's operators (a revoked key, an unregistered origin), not for visitors.
      log(`token: Pixorly answered ${answer.status} ${body.code ?? ""} ${body.message ?? ""}`.trim());
      return sendJson(res, 502, { error: "Pixorly refused to sign you in." });
    }
    log(`token: minted for ${userId} (${origin})`);
    return sendJson(res, 200, { token: body.token, expiresAt: body.expiresAt });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/api/pixorly-token") {
      if (req.method !== "POST") return sendJson(res, 405, { error: "Use POST." });
      req.resume();
      mintToken(req, res).catch((error) => {
        log(`token: ${error instanceof Error ? error.stack : error}`);
        sendJson(res, 500, { error: "Something went wrong." });
      });
      return;
    }
    if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html")) {
      userOf(req, res);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      return res.end(page);
    }
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 5174, "127.0.0.1", resolve);
  });
  const port = server.address().port;
  origins = siteOrigins(port, options.origins ?? []);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const env = process.env;
  const apiUrl = (env.PIXORLY_API_URL ?? `http://127.0.0.1:${env.EDGE_API_PORT ?? 8787}`).replace(/\/+$/, "");
  const site = await startPartnerSite({
    port: Number(env.PARTNER_SITE_PORT ?? 5174),
    apiUrl,
    convexUrl: env.PIXORLY_CONVEX_URL ?? env.CONVEX_URL ?? `http://127.0.0.1:${env.CONVEX_LOCAL_PORT ?? 3210}`,
    // Pixorly's edge API serves the bundle for script tags (`/elements/pixorly.js`), as in production.
    scriptUrl: env.PIXORLY_SCRIPT_URL ?? `${apiUrl}/elements/pixorly.js`,
    secret: secretFromEnv(env),
    origins: (env.PARTNER_SITE_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    ttlSeconds: env.PIXORLY_TOKEN_TTL ? Number(env.PIXORLY_TOKEN_TTL) : undefined,
    log: (line) => console.log(line),
  });
  if (!secretFromEnv(env)()) {
    console.warn(
      "No secret key yet (PIXORLY_PARTNER_SECRET, or the local partner's file that npm start writes): the token endpoint answers 500 until there is one.",
    );
  }
  console.log(`partner site ready on ${site.url}`);
  const stop = () => site.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
