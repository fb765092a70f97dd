/**
 * The Convex functions the elements call, as typed references by name.
 *
 * Why not `convex/_generated/api`: this package is published on its own and must
 * not pull the backend's source (and its server-only imports) into its types or
 * bundle. The shapes below mirror what `convex/jobs.ts`, `convex/images.ts` and
 * `convex/models.ts` return; the integration test runs them against the real
 * functions, so a drift shows up there.
 */
import type { JobRefusal, JobStatus, ModelInfo } from "@pixorly/core";
import type { DefaultFunctionArgs, FunctionReference, PaginationOptions, PaginationResult } from "convex/server";

/**
 * `makeFunctionReference` without importing `convex/server` at runtime: that entry drags
 * server-only modules (schema builders, validators; ~11 KB minified) into the browser
 * bundle. A reference is an object keyed by `Symbol.for("functionName")`, the global
 * symbol Convex chose so references work across copies of the library.
 */
const FUNCTION_NAME = Symbol.for("functionName");

function makeFunctionReference<Type extends "query" | "mutation", Args extends DefaultFunctionArgs, Result>(
  name: string,
) {
  return { [FUNCTION_NAME]: name } as unknown as FunctionReference<Type, "public", Args, Result>;
}

/** The `module:function` name a reference stands for (`getFunctionName` without `convex/server`). */
export function functionName(reference: FunctionReference<"query" | "mutation">): string {
  return (reference as unknown as Record<symbol, string>)[FUNCTION_NAME]!;
}

/** The job states, from core (`JOB_STATUSES`): the list Convex's schema and the REST API use too. */
export type { JobStatus };

/** The statuses after which a job never changes again. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ["completed", "failed", "cancelled"];

export interface JobParameters {
  width: number;
  height: number;
  steps?: number;
  guidance?: number;
  seed: number;
  numImages: number;
}

/** A generation job as `jobs:get` returns it. */
export interface Job {
  _id: string;
  _creationTime: number;
  prompt: string;
  negativePrompt?: string;
  model: string;
  provider: "local" | "openrouter";
  parameters: JobParameters;
  status: JobStatus;
  reservedCredits: number;
  actualCost?: number;
  error?: { code: string; message: string };
  resultImageIds: string[];
  startedAt?: number;
  completedAt?: number;
  /** Place in the queue (1 = next) while pending, otherwise null or absent. */
  queuePosition?: number | null;
}

/** A stored image as `images:get` / `images:list` return it (never a URL: see the signed-URL service). */
export interface ImageDoc {
  _id: string;
  _creationTime: number;
  jobId: string;
  model: string;
  prompt: string;
  width: number;
  height: number;
  format: string;
  size: number;
  /** ThumbHash, base64; absent for formats the backend cannot decode. */
  placeholder?: string;
  seed: number;
  /** Library fields (issue 11); absent means false / none. */
  favorite?: boolean;
  tags?: string[];
  isPublic?: boolean;
  parameters?: Partial<JobParameters>;
}

/** What the gallery narrows `images:list` / `images:search` by (flat arguments of both). */
export type ImageFilter = {
  model?: string;
  /** `_creationTime` range, ms, inclusive. */
  from?: number;
  to?: number;
  tag?: string;
  favorite?: true;
  collectionId?: string;
};

/** An image of a public collection, as `collections:publicImages` returns it (no sign-in, so no owner's fields). */
export type PublicImage = Pick<ImageDoc, "_id" | "width" | "height" | "placeholder" | "format" | "prompt" | "model"> & {
  s3Key: string;
};

/** A collection's cover image, as `collections:list` describes it. */
export interface CollectionCover {
  imageId: string;
  width: number;
  height: number;
  placeholder?: string;
  format: string;
}

/** A collection as `collections:list` returns it. */
export interface CollectionDoc {
  _id: string;
  _creationTime: number;
  name: string;
  isPublic: boolean;
  shareId: string | null;
  imageCount: number;
  updatedAt: number;
  cover: CollectionCover | null;
}

/** What `jobs:create` takes (a type alias, not an interface: Convex args need an index signature). */
export type GenerationInput = {
  prompt: string;
  negativePrompt?: string;
  model: string;
  parameters: Partial<JobParameters> & { width: number; height: number };
  idempotencyKey?: string;
};

/** A prompt of the caller's history, as `prompts:recent` returns it (newest first, no duplicates). */
export interface RecentPrompt {
  _id: string;
  prompt: string;
  usedAt: number;
}

/** Generation settings saved to the account, as `presets:list` returns them. */
export type AccountPreset = {
  _id: string;
  name: string;
  model: string;
  prompt?: string;
  negativePrompt?: string;
  parameters: Partial<Pick<JobParameters, "width" | "height" | "steps" | "guidance" | "seed" | "numImages">>;
  updatedAt: number;
};

export const api = {
  jobs: {
    get: makeFunctionReference<"query", { jobId: string }, Job | null>("jobs:get"),
    list: makeFunctionReference<"query", { paginationOpts: PaginationOptions }, PaginationResult<Job>>("jobs:list"),
    listActive: makeFunctionReference<"query", Record<string, never>, Job[]>("jobs:listActive"),
    me: makeFunctionReference<
      "query",
      Record<string, never>,
      { plan: string; credits: number; storageUsed: number } | null
    >("jobs:me"),
    /** The job id, or a moderation refusal returned (not thrown, so the backend keeps its log row); `submitRuns` throws it. */
    create: makeFunctionReference<"mutation", GenerationInput, string | JobRefusal>("jobs:create"),
    cancel: makeFunctionReference<"mutation", { jobId: string }, null>("jobs:cancel"),
    retry: makeFunctionReference<"mutation", { jobId: string }, string>("jobs:retry"),
  },
  images: {
    get: makeFunctionReference<"query", { imageId: string }, ImageDoc | null>("images:get"),
    list: makeFunctionReference<
      "query",
      { paginationOpts: PaginationOptions; sort?: "newest" | "oldest" } & ImageFilter,
      PaginationResult<ImageDoc>
    >("images:list"),
    search: makeFunctionReference<
      "query",
      { text: string; paginationOpts: PaginationOptions } & ImageFilter,
      PaginationResult<ImageDoc>
    >("images:search"),
    tags: makeFunctionReference<"query", Record<string, never>, string[]>("images:tags"),
    setFavorite: makeFunctionReference<"mutation", { ids: string[]; favorite: boolean }, { updated: number }>(
      "images:setFavorite",
    ),
    setVisibility: makeFunctionReference<"mutation", { ids: string[]; isPublic: boolean }, { updated: number }>(
      "images:setVisibility",
    ),
    addTags: makeFunctionReference<"mutation", { ids: string[]; tags: string[] }, { updated: number }>(
      "images:addTags",
    ),
    removeTags: makeFunctionReference<"mutation", { ids: string[]; tags: string[] }, { updated: number }>(
      "images:removeTags",
    ),
    removeMany: makeFunctionReference<"mutation", { ids: string[] }, { removed: number; scheduled: number }>(
      "images:removeMany",
    ),
  },
  collections: {
    list: makeFunctionReference<"query", Record<string, never>, CollectionDoc[]>("collections:list"),
    create: makeFunctionReference<"mutation", { name: string }, string>("collections:create"),
    rename: makeFunctionReference<"mutation", { id: string; name: string }, null>("collections:rename"),
    remove: makeFunctionReference<"mutation", { id: string }, null>("collections:remove"),
    addImages: makeFunctionReference<"mutation", { id: string; imageIds: string[] }, { added: number }>(
      "collections:addImages",
    ),
    removeImages: makeFunctionReference<"mutation", { id: string; imageIds: string[] }, { removed: number }>(
      "collections:removeImages",
    ),
    forImage: makeFunctionReference<"query", { imageId: string }, string[]>("collections:forImage"),
    move: makeFunctionReference<"mutation", { id: string; imageId: string; beforeImageId: string | null }, null>(
      "collections:move",
    ),
    setVisibility: makeFunctionReference<"mutation", { id: string; isPublic: boolean }, { shareId: string | null }>(
      "collections:setVisibility",
    ),
    images: makeFunctionReference<
      "query",
      { id: string; paginationOpts: PaginationOptions },
      PaginationResult<ImageDoc>
    >("collections:images"),
    publicView: makeFunctionReference<
      "query",
      { shareId: string },
      { name: string; imageCount: number; cover: CollectionCover | null } | null
    >("collections:publicView"),
    publicImages: makeFunctionReference<
      "query",
      { shareId: string; paginationOpts: PaginationOptions },
      PaginationResult<PublicImage>
    >("collections:publicImages"),
  },
  prompts: {
    recent: makeFunctionReference<"query", Record<string, never>, RecentPrompt[]>("prompts:recent"),
    forget: makeFunctionReference<"mutation", { id: string }, null>("prompts:forget"),
  },
  presets: {
    list: makeFunctionReference<"query", Record<string, never>, AccountPreset[]>("presets:list"),
    save: makeFunctionReference<"mutation", Omit<AccountPreset, "_id" | "updatedAt">, string>("presets:save"),
    remove: makeFunctionReference<"mutation", { id: string }, null>("presets:remove"),
  },
  models: {
    list: makeFunctionReference<"query", Record<string, never>, ModelInfo[]>("models:list"),
  },
  users: {
    ensure: makeFunctionReference<
      "mutation",
      Record<string, never>,
      { userId: string; plan: string; credits: number; storageUsed: number }
    >("users:ensure"),
  },
} as const;
