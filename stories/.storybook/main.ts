/**
 * Storybook for @pixorly/elements. The config sits in `stories/.storybook` rather than at the
 * repository root: the catalog is one workspace (`stories/`, with its own test), so everything
 * it needs lives in that one folder and the root keeps only the scripts that call it.
 *
 * Offline by design: no telemetry, no update check, no fonts or scripts from a CDN; stories
 * import the elements' sources (as their tests do) and the in-memory client.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/web-components-vite";
import { mergeConfig } from "vite";
import { inMemoryCdn } from "./in-memory-cdn.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, "../..");

const config: StorybookConfig = {
  stories: ["../*.stories.ts"],
  addons: ["@storybook/addon-a11y"],
  framework: { name: "@storybook/web-components-vite", options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  viteFinal: (vite) =>
    mergeConfig(vite, {
      plugins: [inMemoryCdn()],
      // The elements, @pixorly/core and the local models are sources in sibling workspaces.
      server: { fs: { allow: [repository] } },
      // The pictures' painter runs in a module worker (stories/in-memory/paint-worker.ts).
      worker: { format: "es" },
      // The preview bundles the whole studio and the local models' painters on purpose.
      build: { chunkSizeWarningLimit: 2_000 },
    }),
};

export default config;
