/** A convex-local on the database-features fixture (test/fixture-db), on free ports with a scratch data folder. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startConvexLocal, type ConvexLocal } from "../../src/index.js";
import { tempDataDir } from "../harness.js";

export const DB_FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixture-db", "convex");

export type DbServer = {
  server: ConvexLocal;
  dataDir: string;
  logs: string[];
  restart(): Promise<void>;
  close(): Promise<void>;
};

export async function startDbServer(): Promise<DbServer> {
  const dataDir = tempDataDir();
  const logs: string[] = [];
  const start = () =>
    startConvexLocal({ dir: DB_FIXTURE_DIR, dataDir, port: 0, sitePort: 0, workers: 1, log: (l) => logs.push(l) });
  const handle: DbServer = {
    server: await start(),
    dataDir,
    logs,
    async restart() {
      await handle.server.close();
      handle.server = await start();
    },
    async close() {
      await handle.server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** The message of a rejected call (ConvexHttpClient throws an Error carrying the server's text). */
export async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the call to fail");
}
