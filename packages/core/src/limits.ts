/**
 * Limits on a generation request that hold for every model. A model can narrow them
 * (see `ModelInfo`) but never widen them. The elements read these for input hints, the
 * edge API and Convex enforce them through the schemas in `generation.ts`.
 */
export const GENERATION_LIMITS = {
  /**
   * Characters (UTF-16 code units, as an HTML `maxlength` counts them) after `normalizePrompt`
   * (NFC, control and invisible characters removed, trimmed). Negative prompts count the same way.
   */
  prompt: { minLength: 1, maxLength: 2_000 },
  negativePrompt: { maxLength: 1_000 },
  /** Width and height in pixels. */
  dimension: { min: 64, max: 2_048, defaultMultiple: 8 },
  numImages: { min: 1, max: 4 },
  /** Pending or processing jobs one user may have at once (operators may raise it per deployment). */
  activeJobsPerUser: 10,
  steps: { min: 1, max: 150 },
  guidance: { min: 0, max: 30 },
  /** Seeds are unsigned 32-bit integers, which every provider we know of accepts. */
  seed: { min: 0, max: 0xffff_ffff },
  idempotencyKey: { minLength: 1, maxLength: 128, pattern: /^[A-Za-z0-9_-]+$/ },
  /**
   * Model ids: `local/<name>` or an OpenRouter id such as `google/gemini-2.5-flash-image`.
   * Letter case is spelled out rather than flagged (`/i`): JSON Schema patterns (the OpenAPI
   * document) have no flags, so a flag would be lost there.
   */
  modelId: { maxLength: 200, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._:-]*$/ },
} as const;

/** Limits on REST API keys (`px_…`). */
export const API_KEY_LIMITS = {
  /** Keys that are neither revoked nor expired, per user. */
  activePerUser: 25,
  name: { minLength: 1, maxLength: 100 },
  /** The latest `expiresAt` a new key may have, counted from its creation. */
  maxLifetimeMs: 365 * 24 * 60 * 60 * 1000,
} as const;

/** Limits on partner accounts (the sites that embed the studio). */
export const PARTNER_LIMITS = {
  name: { minLength: 1, maxLength: 100 },
} as const;

/**
 * Most image ids one call may name: Convex's `images:delivery`, the edge API's signed-URL and ZIP routes
 * and the elements' bulk downloads all take this many, so a selection that one accepts the others accept.
 */
export const MAX_IDS_PER_CALL = 100;

/** Every state a generation job can be in, in its life's order (pending → processing → one of the last three). */
export const JOB_STATUSES = ["pending", "processing", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Page sizes for every paginated function (`paginationOpts.numItems`): a whole number in this range. */
export const PAGINATION_LIMITS = { numItems: { min: 1, max: 200 } } as const;

/**
 * Clock tolerance, in seconds, for a token's `iat` and `nbf` lying in the future (clocks of the
 * edge and of Convex differ a little). Never applied to `exp`: the edge must not accept a token
 * that Convex, checking `exp` exactly, would refuse.
 */
export const TOKEN_CLOCK_SKEW_SECONDS = 5;
