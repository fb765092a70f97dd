import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { IMAGE_OPERATIONS, INPUT_FORMATS, INPUT_KINDS, JOB_STATUSES } from "@pixorly/core";
import { libraryRowFields, modelInfo, planId, presetParameters, storedImageFields } from "./lib/validators";

/** The job states from core (`JOB_STATUSES`), the one list every layer uses. */
export const jobStatus = v.union(...JOB_STATUSES.map((status) => v.literal(status)));

export const generationParameters = v.object({
  width: v.number(),
  height: v.number(),
  steps: v.optional(v.number()),
  guidance: v.optional(v.number()),
  seed: v.number(),
  numImages: v.number(),
});

const imageOperation = v.union(...IMAGE_OPERATIONS.map((operation) => v.literal(operation)));

/** An output's inputs (issue 16): kept after the sources are deleted, so the lineage can say they are gone. */
export const imageLineage = v.object({
  operation: imageOperation,
  sourceImageId: v.optional(v.id("images")),
  inputId: v.optional(v.id("imageInputs")),
  maskInputId: v.optional(v.id("imageInputs")),
});

/** A stored object a job reads as its input (`lib/jobInput.ts` resolves it when the job is created). */
const inputObject = v.object({ s3Bucket: v.string(), s3Key: v.string(), width: v.number(), height: v.number() });

/** A job's image input: the request's `input` with its objects resolved. */
export const jobInput = v.object({
  ...imageLineage.fields,
  strength: v.optional(v.number()),
  scale: v.optional(v.number()),
  source: inputObject,
  mask: v.optional(inputObject),
});

export default defineSchema({
  /** One row per identity (`tokenIdentifier` = issuer|subject), provisioned on first use. */
  users: defineTable({
    tokenIdentifier: v.string(),
    plan: planId,
    /** Spendable balance in credits (1 credit = $0.001); reservations are already taken out. */
    credits: v.number(),
    storageUsed: v.number(),
    trialEndsAt: v.optional(v.number()),
    /** Set for a partner's users (embed tokens carry `pid`): they bill to the partner and follow its status. */
    partnerId: v.optional(v.id("partners")),
    /** Credits added by the last grant (trial start, operator top-up): `credit.low` fires below 10 % of it. */
    lastGrant: v.optional(v.number()),
    /** The balance level last announced (`credit.low` / `credit.depleted`); absent = ok. Each crossing is announced once. */
    creditAlert: v.optional(v.union(v.literal("low"), v.literal("depleted"))),
    /** The address from the caller's token (`email` claim), for account emails; absent when no token carried one. */
    email: v.optional(v.string()),
    /** Set by `account:deleteAccount`: the account is being removed in batches and refuses further changes. */
    deletingAt: v.optional(v.number()),
  })
    .index("by_token", ["tokenIdentifier"])
    /** The archival sweep (`archival.ts`) walks the Pro plan's users. */
    .index("by_plan", ["plan"]),

  generationJobs: defineTable({
    userId: v.id("users"),
    prompt: v.string(),
    negativePrompt: v.optional(v.string()),
    model: v.string(),
    provider: v.union(v.literal("local"), v.literal("openrouter")),
    parameters: generationParameters,
    status: jobStatus,
    /** Enterprise jobs sort first in the queue. */
    priority: v.number(),
    idempotencyKey: v.optional(v.string()),
    reservedCredits: v.number(),
    actualCost: v.optional(v.number()),
    error: v.optional(v.object({ code: v.string(), message: v.string() })),
    resultImageIds: v.array(v.id("images")),
    /** The image the job works from (img2img, inpaint, upscale, …); absent for text-to-image. */
    input: v.optional(jobInput),
    /** The scheduled generation run, so a lost run can be found and restarted. */
    scheduledId: v.optional(v.id("_scheduled_functions")),
    startedAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
  })
    .index("by_user", ["userId"])
    .index("by_user_status", ["userId", "status"])
    .index("by_user_idempotency", ["userId", "idempotencyKey"])
    .index("by_status_priority", ["status", "priority"])
    .index("by_provider_status", ["provider", "status", "priority"]),

  images: defineTable({
    userId: v.id("users"),
    jobId: v.id("generationJobs"),
    model: v.string(),
    prompt: v.string(),
    ...storedImageFields,
    parameters: generationParameters,
    /** Public images get stable unsigned URLs; absent means private. */
    isPublic: v.optional(v.boolean()),
    /** Starred by its owner; absent means not. */
    favorite: v.optional(v.boolean()),
    /** Normalised (`normalizeTag`), distinct, at most `LIBRARY_LIMITS.tagsPerImage`; mirrored in `imageTags` for filtering. */
    tags: v.optional(v.array(v.string())),
    /**
     * When the image was last opened (its URLs asked for, `images:delivery`), written at most once an
     * hour; absent = never since it was made (its creation time counts). The archival sweep reads it.
     */
    lastAccessedAt: v.optional(v.number()),
    /** Set when the image went unopened for 90 days on a Pro plan (`archival.ts`); cleared when it is opened again. */
    archivedAt: v.optional(v.number()),
    /** What the image was made from (source image, uploaded input, mask, operation); absent for text-to-image. */
    lineage: v.optional(imageLineage),
  })
    .index("by_user", ["userId"])
    /** Not-yet-archived images of a user by last access (never-opened images sort first). */
    .index("by_user_archived_access", ["userId", "archivedAt", "lastAccessedAt"])
    .index("by_user_model", ["userId", "model"])
    .index("by_user_favorite", ["userId", "favorite"])
    .index("by_job", ["jobId"])
    /** The CDN asks whether an object key is a public image (`images:isPublicObject`). */
    .index("by_s3_key", ["s3Key"])
    .searchIndex("search_prompt", { searchField: "prompt", filterFields: ["userId", "model", "favorite"] }),

  /**
   * One row per (image, tag), so a tag filter reads one index range in date order. The image's
   * creation time, model and favorite flag are copied in (`lib/libraryRows.ts` keeps them in
   * step) so the other filters narrow the same range instead of loading every image.
   */
  imageTags: defineTable({ userId: v.id("users"), imageId: v.id("images"), tag: v.string(), ...libraryRowFields })
    .index("by_user_tag", ["userId", "tag", "imageCreatedAt"])
    .index("by_image", ["imageId", "tag"]),

  collections: defineTable({
    userId: v.id("users"),
    name: v.string(),
    isPublic: v.boolean(),
    /** Set while public: the unguessable id of the share link (a new one each time it is made public). */
    shareId: v.optional(v.string()),
    /** Chosen by the owner; otherwise the first image in order is the cover. */
    coverImageId: v.optional(v.id("images")),
    imageCount: v.number(),
    updatedAt: v.number(),
  })
    .index("by_user", ["userId", "updatedAt"])
    .index("by_share", ["shareId"]),

  /**
   * An image's place in a collection. `orderKey` is a fractional key (`lib/orderKeys.ts`), so a
   * move rewrites only the moved row. The image's listing fields are copied in, as in `imageTags`;
   * `isPublic` lets a public collection page through only its public images.
   */
  collectionImages: defineTable({
    collectionId: v.id("collections"),
    imageId: v.id("images"),
    userId: v.id("users"),
    orderKey: v.string(),
    ...libraryRowFields,
  })
    .index("by_collection_order", ["collectionId", "orderKey"])
    .index("by_collection_public_order", ["collectionId", "isPublic", "orderKey"])
    .index("by_collection_time", ["collectionId", "imageCreatedAt"])
    .index("by_image", ["imageId", "collectionId"]),

  /** Prompts a user generated from, one row per distinct prompt (`key`), for "recent prompts". */
  promptHistory: defineTable({ userId: v.id("users"), key: v.string(), prompt: v.string(), usedAt: v.number() })
    .index("by_user_key", ["userId", "key"])
    .index("by_user_used", ["userId", "usedAt"]),

  /** Generation settings saved to the account under a name. */
  presets: defineTable({
    userId: v.id("users"),
    name: v.string(),
    model: v.string(),
    prompt: v.optional(v.string()),
    negativePrompt: v.optional(v.string()),
    parameters: presetParameters,
    updatedAt: v.number(),
  }).index("by_user_name", ["userId", "name"]),

  /** OpenRouter models, synced from its model list. */
  models: defineTable({ modelId: v.string(), info: modelInfo, syncedAt: v.number() }).index("by_model", ["modelId"]),

  /** Rolling average of each model's real generation time, for estimates. */
  modelTimings: defineTable({
    modelId: v.string(),
    averageMs: v.number(),
    samples: v.number(),
    /** The last runs' times per image (lib/modelTimings.ts); optional only for rows written before it existed. */
    recentMs: v.optional(v.array(v.number())),
  }).index("by_model", ["modelId"]),

  /** Circuit breaker state per model, shared by every generation run. */
  circuits: defineTable({
    key: v.string(),
    state: v.union(v.literal("closed"), v.literal("open"), v.literal("half-open")),
    failures: v.number(),
    openedAt: v.union(v.number(), v.null()),
  }).index("by_key", ["key"]),

  /** Sites that embed the studio. Only the hash of the secret key is stored; the publishable key is public. */
  partners: defineTable({
    name: v.string(),
    /** Normalized origins (`https://host[:port]`) allowed to embed the studio. */
    allowedOrigins: v.array(v.string()),
    /** The most an embed token for this partner may carry (user scopes from packages/core). */
    allowedScopes: v.array(v.string()),
    plan: planId,
    publishableKey: v.string(),
    /** SHA-256 (hex) of the `pxs_` secret key. */
    secretKeyHash: v.string(),
    quotaPerMonth: v.optional(v.number()),
    createdAt: v.number(),
    // Optional only so partners created before revocation existed still load: absent means
    // "active" and version 1 (`lib/partnerAccess.ts` reads them that way).
    status: v.optional(v.union(v.literal("active"), v.literal("suspended"), v.literal("deleted"))),
    /** Embed tokens carry it as `pver`; raising it revokes every token minted before. */
    tokenVersion: v.optional(v.number()),
    /** After a secret rotation: the old secret and its token version stay valid until `graceEndsAt`. */
    previousSecretKeyHash: v.optional(v.string()),
    previousTokenVersion: v.optional(v.number()),
    graceEndsAt: v.optional(v.number()),
  })
    .index("by_secret_hash", ["secretKeyHash"])
    .index("by_previous_secret_hash", ["previousSecretKeyHash"])
    .index("by_publishable_key", ["publishableKey"]),

  /** REST API keys (`px_…`). Only the hash is stored; the key is shown once. */
  apiKeys: defineTable({
    userId: v.id("users"),
    /** The creator's `identity.subject`, so the edge API can act as them with a token of its own. */
    subject: v.string(),
    name: v.string(),
    /** The key's first characters, for recognizing it in a list (`px_AbC12345`). */
    prefix: v.string(),
    /** SHA-256 (hex) of the whole key. */
    keyHash: v.string(),
    permissions: v.array(v.string()),
    createdAt: v.number(),
    expiresAt: v.optional(v.number()),
    lastUsedAt: v.optional(v.number()),
    revokedAt: v.optional(v.number()),
  })
    .index("by_hash", ["keyHash"])
    // revokedAt second, so a user's unrevoked keys are one range (revokedAt unset).
    .index("by_user", ["userId", "revokedAt"]),

  /**
   * Generations (images requested) per owner and calendar month (UTC), counted when a job is created
   * and given back when it fails or is cancelled. `owner` is `user:<id>` or `partner:<id>`.
   */
  generationCounts: defineTable({ owner: v.string(), month: v.string(), images: v.number() }).index("by_owner_month", [
    "owner",
    "month",
  ]),

  /** REST API requests per owner user and UTC day (`YYYY-MM-DD`), across all their keys. */
  apiRequestCounts: defineTable({ userId: v.id("users"), day: v.string(), count: v.number() })
    .index("by_user_day", ["userId", "day"])
    .index("by_day", ["day"]),

  /** Superseded by `usageEvents` (nothing writes it any more); kept so rows stored before still validate. */
  usage: defineTable({
    userId: v.id("users"),
    jobId: v.id("generationJobs"),
    model: v.string(),
    credits: v.number(),
    images: v.number(),
  }).index("by_user", ["userId"]),

  /**
   * One row per billable thing that happened to an account (`lib/usage.ts`): a completed
   * generation (credits spent, images delivered), a REST API request, or a change of stored bytes
   * (positive when images are stored, negative when deleted).
   */
  usageEvents: defineTable({
    userId: v.id("users"),
    kind: v.union(v.literal("generation"), v.literal("apiCall"), v.literal("storage")),
    at: v.number(),
    model: v.optional(v.string()),
    jobId: v.optional(v.id("generationJobs")),
    apiKeyId: v.optional(v.id("apiKeys")),
    credits: v.number(),
    images: v.number(),
    bytes: v.number(),
  }).index("by_user_at", ["userId", "at"]),

  /** The same, summed per user and UTC day, so a 90-day summary reads at most 90 rows. */
  usageDays: defineTable({
    userId: v.id("users"),
    day: v.string(),
    credits: v.number(),
    generations: v.number(),
    apiCalls: v.number(),
    storageBytes: v.number(),
  }).index("by_user_day", ["userId", "day"]),

  /** Generations summed per user, UTC day and model (spend by model). */
  usageModelDays: defineTable({
    userId: v.id("users"),
    day: v.string(),
    model: v.string(),
    credits: v.number(),
    generations: v.number(),
  }).index("by_user_day_model", ["userId", "day", "model"]),

  /**
   * Webhook endpoints (`webhooks.ts`). The signing secret is stored as issued: an HMAC needs the
   * key itself to sign each message, so unlike API keys it cannot be kept as a hash only.
   */
  webhookEndpoints: defineTable({
    userId: v.id("users"),
    url: v.string(),
    events: v.array(v.string()),
    secret: v.string(),
    enabled: v.boolean(),
    createdAt: v.number(),
    /** Messages in a row that failed after all their retries; reset by any successful attempt. */
    failedMessages: v.number(),
    /** Set when the endpoint was disabled for repeated failure, for its owner to read; cleared when re-enabled. */
    disabledNotice: v.optional(v.object({ at: v.number(), reason: v.string() })),
  }).index("by_user", ["userId"]),

  /** One message to one endpoint (a replay is a new row with the same `messageId`). */
  webhookDeliveries: defineTable({
    userId: v.id("users"),
    endpointId: v.id("webhookEndpoints"),
    /** The `webhook-id` header: the same on every attempt and on replays. */
    messageId: v.string(),
    eventType: v.string(),
    /** The JSON body exactly as signed. */
    payload: v.string(),
    status: v.union(v.literal("pending"), v.literal("delivered"), v.literal("failed")),
    attempts: v.number(),
    createdAt: v.number(),
    /** While pending: when the next attempt is due (a lost run is found by it, `webhooks.sweep`). */
    nextAttemptAt: v.optional(v.number()),
    replayOf: v.optional(v.id("webhookDeliveries")),
  })
    .index("by_endpoint", ["endpointId"])
    .index("by_status_due", ["status", "nextAttemptAt"]),

  /** Each HTTP attempt of a delivery: what the owner sees in the delivery log. */
  webhookAttempts: defineTable({
    deliveryId: v.id("webhookDeliveries"),
    endpointId: v.id("webhookEndpoints"),
    attempt: v.number(),
    at: v.number(),
    statusCode: v.union(v.number(), v.null()),
    durationMs: v.number(),
    errorClass: v.union(v.string(), v.null()),
  })
    .index("by_delivery", ["deliveryId", "attempt"])
    .index("by_endpoint", ["endpointId"]),

  /**
   * Finished generations per model (`lib/generationStats.ts`): `period` "total" is the running
   * total, `YYYY-MM-DDTHH` one UTC hour. Durations are summed over completed jobs (start to end).
   */
  generationStats: defineTable({
    period: v.string(),
    model: v.string(),
    completed: v.number(),
    failed: v.number(),
    durationMsSum: v.number(),
    durationCount: v.number(),
  }).index("by_period_model", ["period", "model"]),

  /**
   * Every email the backend sends (`lib/email.ts`). Offline (no SES configured) this is the outbox
   * itself; with SES it is the send log. `userId` is absent for mail about an account that is gone.
   */
  emailOutbox: defineTable({
    userId: v.optional(v.id("users")),
    to: v.union(v.string(), v.null()),
    template: v.string(),
    subject: v.string(),
    text: v.string(),
    status: v.union(v.literal("outbox"), v.literal("queued"), v.literal("sent"), v.literal("failed")),
    createdAt: v.number(),
    sentAt: v.optional(v.number()),
  }).index("by_user", ["userId", "createdAt"]),

  /**
   * Refused generations (`lib/moderationLog.ts`): who, which rule, when, and whether our prompt
   * check or the model provider refused. Only a SHA-256 of the normalised prompt is kept, never the
   * text, so repeated attempts can be matched without storing what was refused.
   */
  moderationLog: defineTable({
    userId: v.id("users"),
    partnerId: v.optional(v.id("partners")),
    promptHash: v.string(),
    rule: v.string(),
    time: v.number(),
    source: v.union(v.literal("prompt"), v.literal("provider")),
    jobId: v.optional(v.id("generationJobs")),
  })
    .index("by_time", ["time"])
    .index("by_user_time", ["userId", "time"]),

  /** Generations of all of a partner's users summed per UTC day (the partner dashboard's usage by day). */
  partnerUsageDays: defineTable({
    partnerId: v.id("partners"),
    day: v.string(),
    /** Credits at list price: partners' users pay nothing themselves, so this is what the partner's usage is worth. */
    credits: v.number(),
    generations: v.number(),
    apiCalls: v.number(),
  }).index("by_partner_day", ["partnerId", "day"]),

  /**
   * Files a user uploaded to work from (`POST /v1/inputs`): private S3 objects under `inputs/<userId>/`,
   * checked and re-encoded by the edge API, registered by it alone (`inputs:register`, service only),
   * counted in `users.storageUsed` and removed with the account.
   */
  imageInputs: defineTable({
    userId: v.id("users"),
    kind: v.union(...INPUT_KINDS.map((kind) => v.literal(kind))),
    s3Bucket: v.string(),
    s3Key: v.string(),
    size: v.number(),
    width: v.number(),
    height: v.number(),
    format: v.union(...INPUT_FORMATS.map((format) => v.literal(format))),
    createdAt: v.number(),
  })
    .index("by_user", ["userId", "createdAt"])
    .index("by_s3_key", ["s3Key"]),

  /**
   * Input objects the edge API is writing and has not registered yet (`inputs:expectUpload`, removed by
   * `inputs:register`). One left behind (the edge stopped, or its clean-up after a refused register
   * failed) names an object no `imageInputs` row counts: the hourly sweep (`inputs:sweepUploads`) deletes it.
   */
  inputUploads: defineTable({
    userId: v.id("users"),
    s3Bucket: v.string(),
    s3Key: v.string(),
    createdAt: v.number(),
  })
    .index("by_s3_key", ["s3Key"])
    .index("by_user", ["userId"])
    .index("by_created", ["createdAt"]),

  /** Data exports (`account:requestExport`): a ZIP built in the background at `s3Key`. */
  accountExports: defineTable({
    userId: v.id("users"),
    status: v.union(v.literal("building"), v.literal("ready"), v.literal("failed")),
    createdAt: v.number(),
    s3Bucket: v.string(),
    s3Key: v.string(),
    completedAt: v.optional(v.number()),
    size: v.optional(v.number()),
  }).index("by_user", ["userId", "createdAt"]),
});
