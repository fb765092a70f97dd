/**
 * The demo site on 127.0.0.1:5173. The studio page uses the studio exactly as a partner
 * page would: one `<script type="module">` for the built `pixorly.js`, served
 * untransformed from packages/elements/dist (`npm start` builds it first). The API keys,
 * account and webhooks pages (`src/`) talk to Convex directly as the same local user; the
 * partner dashboard asks the dev server (`local-partner-api.ts`) about the local partner.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { localPartnerApi } from "./local-partner-api";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Points the page at the local services (ports from shared/ARCHITECTURE.md, overridable as for `npm start`). */
const urls: Record<string, string> = {
  PIXORLY_CONVEX_URL: process.env.PIXORLY_CONVEX_URL ?? `http://127.0.0.1:${process.env.CONVEX_LOCAL_PORT ?? 3210}`,
  PIXORLY_API_URL: process.env.PIXORLY_API_URL ?? `http://127.0.0.1:${process.env.EDGE_API_PORT ?? 8787}`,
};

function localServiceUrls(): Plugin {
  return {
    name: "pixorly-local-urls",
    transformIndexHtml: (html) => html.replace(/%(PIXORLY_[A-Z_]+)%/g, (match, name: string) => urls[name] ?? match),
  };
}

export default defineConfig({
  root: here,
  publicDir: path.resolve(here, "../packages/elements/dist"),
  plugins: [localServiceUrls(), localPartnerApi(path.resolve(here, ".."), { convexUrl: urls.PIXORLY_CONVEX_URL!, apiUrl: urls.PIXORLY_API_URL! })],
  // Every page of the site (Vite serves them all in development; a build needs them named).
  build: {
    rollupOptions: {
      input: Object.fromEntries(["index", "keys", "account", "webhooks", "partner"].map((page) => [page, path.resolve(here, `${page}.html`)])),
    },
  },
  server: {
    host: "127.0.0.1",
    port: Number(process.env.DEMO_PORT ?? 5173),
    strictPort: true,
  },
});
