/**
 * What one app instance holds: its checked configuration, its injectable dependencies and the
 * services built from them. Everything here belongs to the instance (tests build many apps in
 * one process; a Worker isolate builds one).
 */
import { CloudFrontSigner } from "../cdn/signer";
import type { EdgeConfig } from "../env";
import { ConvexGateway, createConvexHttpClient, type ConvexClientFactory } from "./convex";
import { createErrorReporter, type ErrorReporter } from "./error-reporter";
import { FailedAuthLimiter } from "./failed-auth";
import type { PartnerInfo } from "./convex-functions";
import { jsonLogger, type Logger } from "./logger";
import { webCryptoProvider, type CryptoProvider } from "./crypto-provider";
import { Metrics } from "./metrics";
import { PartnerOrigins } from "./partner-origins";
import { SigningKeys } from "./keys";
import { TokenService, type TokenClaims } from "./tokens";

export interface EdgeDeps {
  /** Milliseconds since the Unix epoch. */
  now: () => number;
  fetch: typeof fetch;
  convexClient: ConvexClientFactory;
  logger: Logger;
  /** SHA-256 and ES256 for hot paths; default WebCrypto, Node passes node:crypto's (`lib/node-crypto.ts`). */
  cryptoProvider: CryptoProvider;
  /**
   * The Scalar API reference bundle (`@scalar/api-reference`'s standalone script). Node passes
   * it so `/docs` works offline; without it `/docs` loads the script from Scalar's CDN.
   */
  docsScript?: () => Promise<string>;
  /**
   * `@pixorly/elements`' built script-tag files (`pixorly.js`, its chunks, its licence list) and
   * their version, served at `/elements/…`. Node passes `packages/elements/dist`; without it those routes are 404.
   */
  elementsAssets?: ElementsAssets;
}

export interface ElementsAssets {
  version: string;
  /** The file's bytes, or null when it does not exist. `name` is already checked to be a plain file name. */
  read(name: string): Promise<Uint8Array | null>;
}

export interface AppServices {
  config: EdgeConfig;
  deps: EdgeDeps;
  keys: SigningKeys;
  tokens: TokenService;
  convex: ConvexGateway;
  metrics: Metrics;
  partnerOrigins: PartnerOrigins;
  /** Signs private image URLs; null only in local mode without a key (see `loadConfig`). */
  imageSigner: CloudFrontSigner | null;
  /** Failed partner-secret and API-key checks per client address (429 past the limit). */
  failedAuth: FailedAuthLimiter;
  /** Sends unhandled errors to Sentry (`SENTRY_DSN`); null when it is not set. */
  errorReporter: ErrorReporter | null;
}

/** Hono's environment type for every router of the app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    services: AppServices;
    /** Set by `requireUserToken`: the verified claims and the raw token (to call Convex as the caller). */
    claims: TokenClaims;
    token: string;
    /** Set by `requirePartner`: the partner whose secret key authenticated the request. */
    partner: PartnerInfo;
  };
}

export function defaultDeps(overrides: Partial<EdgeDeps> = {}): EdgeDeps {
  return {
    now: () => Date.now(),
    // Bound: Workers refuse a detached `fetch` ("Illegal invocation").
    fetch: (input, init) => fetch(input, init),
    convexClient: createConvexHttpClient,
    logger: jsonLogger,
    cryptoProvider: webCryptoProvider,
    ...overrides,
  };
}

export function buildServices(config: EdgeConfig, deps: EdgeDeps): AppServices {
  const keys = new SigningKeys(config.signingKeys, deps.cryptoProvider);
  const tokens = new TokenService(config, keys, deps.now, deps.cryptoProvider);
  const { keyPairId, privateKey } = config.cloudfront;
  const convex = new ConvexGateway(config.convexUrl, tokens, deps.convexClient, deps.fetch, deps.now);
  return {
    config,
    deps,
    keys,
    tokens,
    convex,
    metrics: new Metrics(),
    partnerOrigins: new PartnerOrigins(convex, deps.now, deps.logger),
    imageSigner: keyPairId && privateKey ? new CloudFrontSigner(keyPairId, privateKey) : null,
    failedAuth: new FailedAuthLimiter(deps.now),
    errorReporter: createErrorReporter(config.errorReporting, deps.fetch),
  };
}
