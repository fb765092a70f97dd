/**
 * The demo site on 127.0.0.1:5173. The studio page uses the studio exactly as a partner
 * page would: one `<script type="module">` for the built `pixorly.js`, served
 * untransformed from packages/elements/dist (`npm start` builds it first). The API keys,
 * account and webhooks pages (`src/`) talk to Convex directly as the same local user; the
 * partner dashboard asks the dev server (`local-partner-api.ts`) about the local partner, and the
 * Operations page reads the operators' metrics through it (`local-ops-api.ts`).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { clerkSignIn } from "./clerk-plugin";
import { localOpsApi } from "./local-ops-api";
import { localPartnerApi } from "./local-partner-api";
import { observability } from "./observability-plugin";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Points the page at the local services (ports from shared/ARCHITECTURE.md, overridable as for `npm start`). */
const urls: Record<string, string> = {
  PIXORLY_CONVEX_URL: process.env.PIXORLY_CONVEX_URL ?? `http://127.0.0.1:${process.env.CONVEX_LOCAL_PORT ?? 3210}`,
  PIXORLY_API_URL: process.env.PIXORLY_API_URL ?? `http://127.0.0.1:${process.env.EDGE_API_PORT ?? 8787}`,
  // The component catalog the landing page links to (`npm run storybook`).
  PIXORLY_STORYBOOK_URL: process.env.PIXORLY_STORYBOOK_URL ?? "http://127.0.0.1:6006",
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
  plugins: [
    localServiceUrls(),
    observability(),
    clerkSignIn(urls.PIXORLY_API_URL!),
    localPartnerApi(path.resolve(here, ".."), { convexUrl: urls.PIXORLY_CONVEX_URL!, apiUrl: urls.PIXORLY_API_URL! }),
    localOpsApi(path.resolve(here, ".."), { convexUrl: urls.PIXORLY_CONVEX_URL! }),
  ],
  // Every page of the site (Vite serves them all in development; a build needs them named).
  build: {
    rollupOptions: {
      input: Object.fromEntries(
        ["index", "studio", "library", "collections", "keys", "account", "webhooks", "partner", "outbox", "ops"].map(
          (page) => [page, path.resolve(here, `${page}.html`)],
        ),
      ),
    },
  },
  server: {
    host: "127.0.0.1",
    port: Number(process.env.DEMO_PORT ?? 5173),
    strictPort: true,
  },
});
