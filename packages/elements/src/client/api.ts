/**
 * The Convex functions the elements call, as typed references by name.
 *
 * Why not `convex/_generated/api`: this package is published on its own and must
 * not pull the backend's source (and its server-only imports) into its types or
 * bundle. The shapes come from core's views (`packages/core/src/views.ts`), which the
 * backend's return validators are checked against at compile time; the integration test
 * runs the references against the real functions.
 */
import type {
  GenerationInput as ImageInputRequest,
  ImageOperation,
  CollectionCoverView,
  CollectionView,
  ImageView,
  JobParameters,
  JobRefusal,
  JobStatus,
  JobView,
  ModelInfo,
  PublicImageView,
  UploadedInput,
} from "@pixorly/core";
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

/** A job's parameters, a job and a stored image as the backend returns them: core's views (written once). */
export type { JobParameters };
/** A generation job as `jobs:get` returns it. */
export type Job = JobView;
/** A stored image as `images:get` / `images:list` return it (never a URL: see the signed-URL service). */
export type ImageDoc = ImageView;

/** One step of `images:lineage`: the image itself first, then its sources (`exists: false` once deleted). */
export interface LineageStep {
  imageId: string;
  operation?: ImageOperation;
  prompt: string;
  model: string;
  createdAt: number;
  exists: boolean;
}

/** An uploaded input as `inputs:list` returns it. */
export type InputDoc = UploadedInput & { createdAt: number };

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

/** An image of a public collection, a collection's cover and a collection: core's views. */
export type PublicImage = PublicImageView;
export type CollectionCover = CollectionCoverView;
export type CollectionDoc = CollectionView;

/** What `jobs:create` takes (a type alias, not an interface: Convex args need an index signature). */
export type GenerationInput = {
  prompt: string;
  negativePrompt?: string;
  model: string;
  parameters: Partial<JobParameters> & { width: number; height: number };
  /** An image to work from (issue 16; core's `generationInputSchema`). */
  input?: ImageInputRequest;
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
    lineage: makeFunctionReference<"query", { imageId: string }, LineageStep[]>("images:lineage"),
  },
  inputs: {
    list: makeFunctionReference<"query", Record<string, never>, InputDoc[]>("inputs:list"),
    remove: makeFunctionReference<"mutation", { inputId: string }, null>("inputs:remove"),
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
