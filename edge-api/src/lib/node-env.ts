/**
 * Node only: turns `process.env` into the app's `EdgeEnv`, with the offline defaults of
 * `npm start` (shared/ARCHITECTURE.md ports) and keys from `.pixorly/keys` when none are given.
 */
import type { EdgeEnv } from "../env";
import { ensureLocalKeys } from "./local-keys";

export const LOCAL_DEMO_ORIGINS = [
  "http://127.0.0.1:5173",
  "http://localhost:5173",
  "http://127.0.0.1:5174",
  "http://localhost:5174",
  "http://127.0.0.1:6006",
];

export interface NodeSettings {
  env: EdgeEnv;
  host: string;
  port: number;
}

export async function nodeSettings(
  processEnv: Record<string, string | undefined>,
  keysDir: string,
): Promise<NodeSettings> {
  const port = Number(processEnv.EDGE_API_PORT ?? 8787);
  const host = processEnv.EDGE_API_HOST ?? "127.0.0.1";
  const convexUrl = processEnv.CONVEX_URL ?? "http://127.0.0.1:3210";
  // Never inferred (a production container may run Convex on loopback as a sidecar): the offline
  // studio says so explicitly (`npm start` sets LOCAL_MODE=1), and loadConfig checks PUBLIC_URL.
  const localMode = processEnv.LOCAL_MODE ?? "0";
  const env: EdgeEnv = {
    ...processEnv,
    PUBLIC_URL: processEnv.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    CONVEX_URL: convexUrl,
    LOCAL_MODE: localMode,
    CORS_ORIGINS: processEnv.CORS_ORIGINS ?? (localMode === "1" ? LOCAL_DEMO_ORIGINS.join(",") : undefined),
  };
  if (localMode === "1") {
    // s3rver's defaults (scripts/s3-local.mjs), as the Convex pipeline uses them offline.
    env.S3_ENDPOINT ??= `http://127.0.0.1:${processEnv.S3_LOCAL_PORT ?? 4569}`;
    env.AWS_ACCESS_KEY_ID ??= "S3RVER";
    env.AWS_SECRET_ACCESS_KEY ??= "S3RVER";
  }
  // Offline only: several production replicas generating their own keys would not trust each
  // other's tokens, so there a missing SIGNING_KEYS stops the start (see loadConfig).
  if (localMode === "1" && (!env.SIGNING_KEYS || !env.CLOUDFRONT_PRIVATE_KEY)) {
    const keys = await ensureLocalKeys(keysDir);
    env.SIGNING_KEYS ??= keys.signingKeys;
    if (!env.CLOUDFRONT_PRIVATE_KEY) {
      env.CLOUDFRONT_PRIVATE_KEY = keys.cloudfront.privateKey;
      env.CLOUDFRONT_KEY_PAIR_ID = keys.cloudfront.keyPairId;
      env.CLOUDFRONT_PUBLIC_KEYS ??= keys.cloudfront.publicKeys;
    }
  }
  return { env, host, port };
}
