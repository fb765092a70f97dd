/**
 * The Convex functions the REST API calls as the key's owner, typed for what the routes read.
 * Named references keep the Worker bundle free of the `convex/` sources.
 */
import type { GenerationRequest, ModelInfo } from "@pixorly/core";
import { makeFunctionReference } from "convex/server";

export interface JobDoc {
  _id: string;
  _creationTime: number;
  status: "pending" | "processing" | "completed" | "failed" | "cancelled";
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
}

export interface Page<T> {
  page: T[];
  isDone: boolean;
  continueCursor: string;
}

export const jobsCreate = makeFunctionReference<"mutation", GenerationRequest, string>("jobs:create");
export const jobsGet = makeFunctionReference<"query", { jobId: string }, JobDoc | null>("jobs:get");
export const imagesList = makeFunctionReference<
  "query",
  { paginationOpts: { numItems: number; cursor: string | null } },
  Page<ImageDoc>
>("images:list");
export const imagesGet = makeFunctionReference<"query", { imageId: string }, ImageDoc | null>("images:get");
export const imagesRemove = makeFunctionReference<"mutation", { id: string }, null>("images:remove");
export const modelsList = makeFunctionReference<"query", Record<string, never>, ModelInfo[]>("models:list");
