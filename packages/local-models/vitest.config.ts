import { defineConfig } from "vitest/config";

// This package's own config, so vitest does not pick up the repository root's.
export default defineConfig({ test: { include: ["src/**/*.test.ts"] } });
