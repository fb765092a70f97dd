/** Test harness: a convex-local on the fixture app, a JWKS issuer on loopback, token minting. */
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startConvexLocal, type ConvexLocal, type ConvexLocalOptions } from "../src/index.js";

export const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture", "convex");
export const AUDIENCE = "convex-local-test";

/** `expiresIn: null` leaves out exp, `kid: null` the key id, `iat` sets issued-at (seconds). */
export type MintOptions = JWTPayload & { expiresIn?: string | null; audience?: string; kid?: string | null };
export type Issuer = { url: string; mint(claims?: MintOptions): Promise<string>; close(): Promise<void> };

/** An ES256 token issuer whose JWKS is served on 127.0.0.1, like the edge API. */
export async function startIssuer(): Promise<Issuer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  const server = http.createServer((req, res) => {
    if (req.url === "/.well-known/jwks.json") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else if (req.url === "/.well-known/openid-configuration") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/.well-known/jwks.json` }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async mint({ expiresIn = "10m", audience = AUDIENCE, kid = "test-key", iat, ...claims }: MintOptions = {}) {
      const jwt = new SignJWT({ ...claims })
        .setProtectedHeader(kid === null ? { alg: "ES256" } : { alg: "ES256", kid })
        .setIssuer(claims.iss ?? url)
        .setSubject(claims.sub ?? "user-1")
        .setAudience(audience)
        .setIssuedAt(iat);
      if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
      return await jwt.sign(privateKey);
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-test-"));
}

export type Harness = {
  server: ConvexLocal;
  /** A customJwt issuer (like the edge API). */
  issuer: Issuer;
  /** An OIDC issuer found through discovery (like Clerk). */
  oidc: Issuer;
  dataDir: string;
  logs: string[];
  close(): Promise<void>;
};

export async function startHarness(options: Partial<ConvexLocalOptions> = {}): Promise<Harness> {
  const issuer = await startIssuer();
  const oidc = await startIssuer();
  process.env.TEST_JWT_ISSUER = issuer.url;
  process.env.TEST_OIDC_DOMAIN = oidc.url;
  const dataDir = tempDataDir();
  const logs: string[] = [];
  const server = await startConvexLocal({
    dir: FIXTURE_DIR,
    dataDir,
    port: 0,
    sitePort: 0,
    log: (l) => logs.push(l),
    ...options,
  });
  return {
    server,
    issuer,
    oidc,
    dataDir,
    logs,
    async close() {
      await server.close();
      await issuer.close();
      await oidc.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
