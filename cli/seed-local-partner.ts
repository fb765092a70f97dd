/**
 * Run by `npm start` once the services are starting: waits for convex-local (and its admin key),
 * makes sure the local partner exists (`local-partner.ts`) and prints its keys with a one-line
 * embed snippet. A failure here is reported but does not stop the studio.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { embedSnippet } from "./commands/partner";
import { connect } from "./deployment";
import { ensureLocalPartner } from "./local-partner";
import { CommandFailed } from "./usage";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = process.env;
const file = env.PIXORLY_PARTNER_FILE || path.join(root, ".pixorly/partner.json");
const apiUrl = env.PIXORLY_API_URL ?? `http://127.0.0.1:${env.EDGE_API_PORT ?? 8787}`;
const convexUrl = env.CONVEX_URL ?? "http://127.0.0.1:3210";
const demoPort = env.DEMO_PORT ?? "5173";
const partnerSitePort = env.PARTNER_SITE_PORT ?? "5174";
// The demo's origins and the partner example's (examples/partner-site), which mints tokens with this partner's secret.
const origins = [demoPort, partnerSitePort].flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
const WAIT_MS = 60_000;

const started = Date.now();
for (;;) {
  try {
    const { partner, created } = await ensureLocalPartner(connect(env, root), file, origins);
    const where = path.relative(process.cwd(), file);
    console.log(
      `${created ? "Created the" : "The"} local partner "${partner.name}" (${partner.partnerId}); keys in ${where}`,
    );
    console.log(`  publishable key ${partner.publishableKey}`);
    console.log(`  secret key      ${partner.secretKey}   (server side only)`);
    console.log(
      `  embed: <script type="module" src="http://127.0.0.1:${demoPort}/pixorly.js"></script><pixorly-studio convex-url="${convexUrl}" api-url="${apiUrl}" token-url="/your-token-endpoint"></pixorly-studio>`,
    );
    console.log(`  token: ${embedSnippet(apiUrl, partner.secretKey, origins[0]!)}`);
    break;
  } catch (error) {
    // convex-local is still loading (no admin key file yet, or not listening): try again shortly.
    const waiting = error instanceof CommandFailed && /Cannot reach|No admin key/.test(error.message);
    if (!waiting || Date.now() - started > WAIT_MS) {
      console.error(`Could not set up the local partner: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
