import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The root config runs only end-to-end tests; these unit tests of the providers run on their own:
// npx vitest run --config convex/providers/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: { include: ["**/*.test.ts"], testTimeout: 10_000 },
});
