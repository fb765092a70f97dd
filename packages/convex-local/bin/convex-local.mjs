#!/usr/bin/env node
// The published package (no src/ in its files) runs its built JavaScript from dist/ (`npm run build`);
// a checkout of the repository runs the TypeScript sources through tsx's loader, so a stale dist/
// left by `npm pack` never shadows the code being edited.
import fs from "node:fs";

if (fs.existsSync(new URL("../src/cli.ts", import.meta.url))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
} else {
  await import("../dist/cli.js");
}
