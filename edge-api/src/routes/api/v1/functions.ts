/**
 * The Convex functions the REST API calls as the key's owner, typed for what the routes read.
 * Named references keep the Worker bundle free of the `convex/` sources.
 */
import type { GenerationRequest, JobRefusal, JobStatus, ModelInfo } from "@pixorly/core";
import { makeFunctionReference } from "convex/server";

export interface JobDoc {
  _id: string;
  _creationTime: number;
  status: JobStatus;
  model: string;
  prompt: string;
  startedAt?: number;
  completedAt?: number;
  actualCost?: number;
  error?: { code: string; message: string };
  resultImageIds: string[];
  queuePosition: number | null;
}

export interface ImageDoc {
  _id: string;
  _creationTime: number;
  jobId: string;
  model: string;
  prompt: string;
  s3Key: string;
  width: number;
  height: number;
  format: string;
  size: number;
  seed: number;
  isPublic?: boolean;
  favorite?: boolean;
  tags?: string[];
}

export interface CollectionSummary {
  _id: string;
  _creationTime: number;
  name: string;
  isPublic: boolean;
  shareId: string | null;
  imageCount: number;
  updatedAt: number;
  cover: { imageId: string; width: number; height: number; s3Key: string; format: string } | null;
}

type PageArgs = { paginationOpts: { numItems: number; cursor: string | null } };

export interface Page<T> {
  page: T[];
  isDone: boolean;
  continueCursor: string;
}

/** The job id, or a moderation refusal (returned, not thrown, so Convex keeps its log row). */
export const jobsCreate = makeFunctionReference<"mutation", GenerationRequest, string | JobRefusal>("jobs:create");
export const jobsGet = makeFunctionReference<"query", { jobId: string }, JobDoc | null>("jobs:get");
export const jobsList = makeFunctionReference<
  "query",
  PageArgs & { status?: JobDoc["status"] },
  Page<Omit<JobDoc, "queuePosition">>
>("jobs:list");
export const jobsCancel = makeFunctionReference<"mutation", { jobId: string }, null>("jobs:cancel");
export const imagesList = makeFunctionReference<"query", PageArgs, Page<ImageDoc>>("images:list");
export const imagesGet = makeFunctionReference<"query", { imageId: string }, ImageDoc | null>("images:get");
export const imagesRemove = makeFunctionReference<"mutation", { id: string }, null>("images:remove");
export const imagesSetFavorite = makeFunctionReference<
  "mutation",
  { ids: string[]; favorite: boolean },
  { updated: number }
>("images:setFavorite");
export const imagesSetVisibility = makeFunctionReference<
  "mutation",
  { ids: string[]; isPublic: boolean },
  { updated: number }
>("images:setVisibility");
export const imagesSetTags = makeFunctionReference<"mutation", { id: string; tags: string[] }, string[]>(
  "images:setTags",
);

export const collectionsList = makeFunctionReference<"query", Record<string, never>, CollectionSummary[]>(
  "collections:list",
);
export const collectionsGet = makeFunctionReference<"query", { id: string }, CollectionSummary | null>(
  "collections:get",
);
export const collectionsImages = makeFunctionReference<"query", PageArgs & { id: string }, Page<ImageDoc>>(
  "collections:images",
);
export const collectionsCreate = makeFunctionReference<"mutation", { name: string }, string>("collections:create");
export const collectionsRename = makeFunctionReference<"mutation", { id: string; name: string }, null>(
  "collections:rename",
);
export const collectionsSetVisibility = makeFunctionReference<
  "mutation",
  { id: string; isPublic: boolean },
  { shareId: string | null }
>("collections:setVisibility");
export const collectionsRemove = makeFunctionReference<"mutation", { id: string }, null>("collections:remove");
export const collectionsAddImages = makeFunctionReference<
  "mutation",
  { id: string; imageIds: string[] },
  { added: number }
>("collections:addImages");
export const collectionsRemoveImages = makeFunctionReference<
  "mutation",
  { id: string; imageIds: string[] },
  { removed: number }
>("collections:removeImages");
export const modelsList = makeFunctionReference<"query", Record<string, never>, ModelInfo[]>("models:list");

export interface UsageSummary {
  days: { day: string; credits: number; generations: number; apiCalls: number }[];
  byModel: { model: string; credits: number; generations: number }[];
  totals: { credits: number; generations: number; apiCalls: number };
}
export const usageSummary = makeFunctionReference<"query", { days: number }, UsageSummary>("usage:summary");
