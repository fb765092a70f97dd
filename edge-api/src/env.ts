/**
 * The edge API's configuration. `EdgeEnv` is what a runtime hands over (Workers bindings,
 * `process.env`): plain strings. `loadConfig` checks it once per app and names the variable
 * that is wrong, so a bad deployment fails at start instead of on some later request.
 */
import { z } from "zod";
import { rsaPrivateKeyPkcs8 } from "./cdn/pem";

export interface EdgeEnv {
  /** Issuer of every token and base of CDN URLs, e.g. `https://api.pixorly.com` (offline `http://127.0.0.1:8787`). */
  PUBLIC_URL?: string;
  PIXORLY_EDGE_AUDIENCE?: string;
  CONVEX_URL?: string;
  /** "1" enables `/v1/dev/token` (offline sign-in). */
  LOCAL_MODE?: string;
  /** JSON array of private ES256 JWKs with `kid`; the first signs, all are published. */
  SIGNING_KEYS?: string;
  CLOUDFRONT_KEY_PAIR_ID?: string;
  CLOUDFRONT_PRIVATE_KEY?: string;
  /** JSON `{ [keyPairId]: PEM }`: the public keys the CDN route trusts. */
  CLOUDFRONT_PUBLIC_KEYS?: string;
  CDN_BASE_URL?: string;
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  AWS_REGION?: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  /** PEM public key of the Clerk instance (networkless verification). */
  CLERK_JWT_KEY?: string;
  /** Or the JWKS URL of the Clerk instance (`https://<frontend-api>/.well-known/jwks.json`). */
  CLERK_JWKS_URL?: string;
  /** Clerk's issuer (its Frontend API URL); required with `CLERK_JWKS_URL`. */
  CLERK_ISSUER?: string;
  /** Comma list of origins a Clerk session token may come from (`azp`); default `CORS_ORIGINS`. */
  CLERK_AUTHORIZED_PARTIES?: string;
  /** Comma list of browser origins allowed besides the partners' (the local demo origins offline). */
  CORS_ORIGINS?: string;
  /** When set, `/metrics` requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN?: string;
}

export interface ClerkConfig {
  jwtKey?: string;
  jwksUrl?: string;
  issuer?: string;
  authorizedParties: string[];
}

export interface EdgeConfig {
  publicUrl: string;
  issuer: string;
  audience: string;
  convexUrl: string;
  localMode: boolean;
  /** Private JWKs, first one signs (checked in `lib/keys.ts`). */
  signingKeys: Record<string, unknown>[];
  cloudfront: {
    keyPairId?: string;
    privateKey?: string;
    publicKeys: Record<string, string>;
  };
  cdnBaseUrl: string;
  s3: {
    endpoint?: string;
    bucket: string;
    region: string;
    accessKeyId?: string;
    secretAccessKey?: string;
  };
  clerk: ClerkConfig | null;
  corsOrigins: string[];
  metricsToken?: string;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid edge API configuration: ${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

function optional(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function url(name: string, value: string | undefined, fallback?: string): string {
  const v = optional(value) ?? fallback;
  if (!v) throw new ConfigError(name, "is required.");
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new ConfigError(name, `is not a URL: ${JSON.stringify(v)}.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ConfigError(name, "must be an http(s) URL.");
  return trimSlash(v);
}

function origin(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `holds ${JSON.stringify(value)}, which is not an origin.`);
  }
  if (parsed.origin !== trimSlash(value)) throw new ConfigError(name, `holds ${JSON.stringify(value)}; write the origin only (${parsed.origin}).`);
  return parsed.origin;
}

function originList(name: string, value: string | undefined): string[] {
  return (optional(value) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((o) => origin(name, o));
}

function json<T>(name: string, value: string | undefined, schema: z.ZodType<T>, fallback: T): T {
  const v = optional(value);
  if (v === undefined) return fallback;
  let raw: unknown;
  try {
    raw = JSON.parse(v);
  } catch {
    throw new ConfigError(name, "is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(name, `has the wrong shape: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  return parsed.data;
}

const signingKeysSchema = z.array(z.record(z.string(), z.unknown())).min(1, "needs at least one key");
const publicKeysSchema = z.record(z.string(), z.string());

/**
 * The key that signs image URLs. Every private image needs it (`POST /v1/images/urls`, the REST
 * API's image URLs), so outside local mode a missing key stops the start instead of failing each
 * of those requests; offline (`node.ts` generates one) tests may leave it out.
 */
function cloudfrontSigning(env: EdgeEnv, localMode: boolean): { keyPairId?: string; privateKey?: string } {
  const keyPairId = optional(env.CLOUDFRONT_KEY_PAIR_ID);
  const privateKey = optional(env.CLOUDFRONT_PRIVATE_KEY);
  if (!keyPairId && !privateKey && localMode) return {};
  const purpose = "(it signs private image URLs: POST /v1/images/urls and the REST API's images)";
  if (!privateKey) throw new ConfigError("CLOUDFRONT_PRIVATE_KEY", `is required ${keyPairId ? "with CLOUDFRONT_KEY_PAIR_ID" : "outside local mode"} ${purpose}.`);
  if (!keyPairId) throw new ConfigError("CLOUDFRONT_KEY_PAIR_ID", `is required ${localMode ? "with CLOUDFRONT_PRIVATE_KEY" : "outside local mode"} ${purpose}.`);
  if (!rsaPrivateKeyPkcs8(privateKey)) throw new ConfigError("CLOUDFRONT_PRIVATE_KEY", "must be a PEM RSA private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY).");
  return { keyPairId, privateKey };
}

export function loadConfig(env: EdgeEnv): EdgeConfig {
  const publicUrl = url("PUBLIC_URL", env.PUBLIC_URL);
  const signingKeys = json("SIGNING_KEYS", env.SIGNING_KEYS, signingKeysSchema, []);
  if (signingKeys.length === 0) throw new ConfigError("SIGNING_KEYS", "is required (a JSON array of private ES256 JWKs with kid).");
  const corsOrigins = originList("CORS_ORIGINS", env.CORS_ORIGINS);

  const jwtKey = optional(env.CLERK_JWT_KEY);
  const jwksUrl = optional(env.CLERK_JWKS_URL);
  let clerk: ClerkConfig | null = null;
  if (jwtKey || jwksUrl) {
    if (jwtKey && !jwtKey.includes("BEGIN PUBLIC KEY")) throw new ConfigError("CLERK_JWT_KEY", "must be a PEM public key.");
    const issuer = optional(env.CLERK_ISSUER);
    if (jwksUrl && !issuer) throw new ConfigError("CLERK_ISSUER", "is required with CLERK_JWKS_URL.");
    const parties = originList("CLERK_AUTHORIZED_PARTIES", env.CLERK_AUTHORIZED_PARTIES);
    clerk = {
      ...(jwtKey ? { jwtKey } : { jwksUrl: url("CLERK_JWKS_URL", jwksUrl) }),
      ...(issuer ? { issuer: trimSlash(issuer) } : {}),
      authorizedParties: parties.length > 0 ? parties : corsOrigins,
    };
  }

  const cloudfrontPublicKeys = json("CLOUDFRONT_PUBLIC_KEYS", env.CLOUDFRONT_PUBLIC_KEYS, publicKeysSchema, {});
  const localMode = optional(env.LOCAL_MODE);
  if (localMode !== undefined && localMode !== "0" && localMode !== "1") throw new ConfigError("LOCAL_MODE", 'must be "1" or "0".');
  const cloudfront = cloudfrontSigning(env, localMode === "1");

  return {
    publicUrl,
    issuer: publicUrl,
    audience: optional(env.PIXORLY_EDGE_AUDIENCE) ?? "pixorly",
    convexUrl: url("CONVEX_URL", env.CONVEX_URL),
    localMode: localMode === "1",
    signingKeys,
    cloudfront: { ...cloudfront, publicKeys: cloudfrontPublicKeys },
    cdnBaseUrl: url("CDN_BASE_URL", env.CDN_BASE_URL, `${publicUrl}/cdn`),
    s3: {
      endpoint: optional(env.S3_ENDPOINT) && url("S3_ENDPOINT", env.S3_ENDPOINT),
      bucket: optional(env.S3_BUCKET) ?? "pixorly-images",
      region: optional(env.AWS_REGION) ?? "us-east-1",
      accessKeyId: optional(env.AWS_ACCESS_KEY_ID),
      secretAccessKey: optional(env.AWS_SECRET_ACCESS_KEY),
    },
    clerk,
    corsOrigins,
    metricsToken: optional(env.METRICS_TOKEN),
  };
}
