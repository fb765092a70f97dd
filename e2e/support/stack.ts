/**
 * The whole offline studio for the Playwright journeys, as its own process (started by global-setup.ts):
 * convex-local, s3rver and the edge API from tests/support/offline-backend.ts, the demo site served by
 * Vite from demo/ as `npm start` serves it, the local partner, and the partner example site
 * (examples/partner-site) on another origin — each on a free port, with data in temporary folders.
 * Prints one line `PIXORLY_E2E {json}` with the URLs once everything answers; SIGTERM stops it all.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { createServer } from "vite";
import { connect } from "../../cli/deployment.js";
import { ensureLocalPartner } from "../../cli/local-partner.js";
import { startPartnerSite } from "../../examples/partner-site/server.mjs";
import { ROOT, freePort, startOfflineBackend } from "../../tests/support/offline-backend.js";
import type { E2eStack } from "./stack-info.js";

/** Short-lived partner tokens, so a journey sees the studio refresh one (the edge API's minimum). */
const PARTNER_TOKEN_TTL_SECONDS = 60;

// The demo and the partner page load the one-file bundle, as `npm start` builds it.
execFileSync(process.execPath, [path.join(ROOT, "packages/elements/scripts/build.mjs"), "--bundle-only"], {
  cwd: path.join(ROOT, "packages/elements"),
  stdio: "inherit",
});

const [demoPort, partnerPort] = [await freePort(), await freePort()];
const demoUrl = `http://127.0.0.1:${demoPort}`;
const partnerUrl = `http://127.0.0.1:${partnerPort}`;
const backend = await startOfflineBackend({ corsOrigins: [demoUrl] });
const partnerFile = path.join(backend.tmp(), "partner.json");
const deployment = connect({ CONVEX_URL: backend.convex.url, PIXORLY_DATA_DIR: backend.dataDir }, ROOT);
const { partner } = await ensureLocalPartner(deployment, partnerFile, [demoUrl, partnerUrl]);

// demo/vite.config.ts and its partner dashboard routes read these when Vite loads the config.
Object.assign(process.env, {
  PIXORLY_CONVEX_URL: backend.convex.url,
  PIXORLY_API_URL: backend.edgeUrl,
  DEMO_PORT: String(demoPort),
  PIXORLY_PARTNER_FILE: partnerFile,
  PIXORLY_DATA_DIR: backend.dataDir,
});
const vite = await createServer({
  configFile: path.join(ROOT, "demo/vite.config.ts"),
  logLevel: "warn",
  server: { hmr: false },
});
await vite.listen();

// The partner's server holds the secret it was deployed with: rotating it elsewhere revokes this one.
const site = await startPartnerSite({
  port: partnerPort,
  apiUrl: backend.edgeUrl,
  convexUrl: backend.convex.url,
  scriptUrl: `${backend.edgeUrl}/elements/pixorly.js`,
  secret: () => partner.secretKey,
  ttlSeconds: PARTNER_TOKEN_TTL_SECONDS,
});

const info: E2eStack = {
  demoUrl,
  partnerUrl: site.url,
  edgeUrl: backend.edgeUrl,
  convexUrl: backend.convex.url,
  partnerId: partner.partnerId,
  partnerTokenTtlSeconds: PARTNER_TOKEN_TTL_SECONDS,
};
console.log(`PIXORLY_E2E ${JSON.stringify(info)}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await site.close();
  await vite.close();
  await backend.close();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
