import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { modelInfo, planId, storedImageFields } from "./model/validators";

export const jobStatus = v.union(
  v.literal("pending"),
  v.literal("processing"),
  v.literal("completed"),
  v.literal("failed"),
  v.literal("cancelled"),
);

export const generationParameters = v.object({
  width: v.number(),
  height: v.number(),
  steps: v.optional(v.number()),
  guidance: v.optional(v.number()),
  seed: v.number(),
  numImages: v.number(),
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
  }).index("by_token", ["tokenIdentifier"]),

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
  })
    .index("by_user", ["userId"])
    .index("by_job", ["jobId"])
    /** The CDN asks whether an object key is a public image (`images:isPublicObject`). */
    .index("by_s3_key", ["s3Key"])
    .searchIndex("search_prompt", { searchField: "prompt", filterFields: ["userId", "model"] }),

  /** OpenRouter models, synced from its model list. */
  models: defineTable({ modelId: v.string(), info: modelInfo, syncedAt: v.number() }).index("by_model", ["modelId"]),

  /** Rolling average of each model's real generation time, for estimates. */
  modelTimings: defineTable({ modelId: v.string(), averageMs: v.number(), samples: v.number() }).index("by_model", ["modelId"]),

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
  })
    .index("by_secret_hash", ["secretKeyHash"])
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

  usage: defineTable({
    userId: v.id("users"),
    jobId: v.id("generationJobs"),
    model: v.string(),
    credits: v.number(),
    images: v.number(),
  }).index("by_user", ["userId"]),
});
