/**
 * What clients read back from the backend: a job, a stored image, a collection — written once here.
 * The Convex functions' `returns` validators must satisfy these (a compile-time check in
 * `convex/lib/viewShapes.ts` fails the type check when a field drifts), and the elements and the
 * REST layer take their types from them. Ids are plain strings here: clients never need the table brand.
 * Types only (no runtime code), so nothing of this reaches a bundle.
 */
import type { ImageLineage } from "./image-inputs";
import type { JobStatus } from "./limits";
import type { ModelProvider } from "./model-info";

/** A job's generation parameters as stored (the defaults filled in). */
export interface JobParameters {
  width: number;
  height: number;
  steps?: number;
  guidance?: number;
  seed: number;
  numImages: number;
}

/** A generation job as `jobs:get` / `jobs:list` return it. */
export interface JobView {
  _id: string;
  _creationTime: number;
  prompt: string;
  negativePrompt?: string;
  model: string;
  provider: ModelProvider;
  parameters: JobParameters;
  status: JobStatus;
  reservedCredits: number;
  actualCost?: number;
  error?: { code: string; message: string };
  resultImageIds: string[];
  startedAt?: number;
  completedAt?: number;
  /** Place in the queue (1 = next) while pending, otherwise null; absent from listings. */
  queuePosition?: number | null;
}

/** A stored image as `images:get` / `images:list` return it (never a URL: URLs are signed on request). */
export interface ImageView {
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
  /** Library fields; absent means false / none. */
  favorite?: boolean;
  tags?: string[];
  isPublic?: boolean;
  parameters?: Partial<JobParameters>;
  /** What it was made from: absent for text-to-image. */
  lineage?: ImageLineage;
}

/** A collection's cover image, as `collections:list` describes it. */
export interface CollectionCoverView {
  imageId: string;
  width: number;
  height: number;
  placeholder?: string;
  format: string;
}

/** A collection as `collections:list` returns it. */
export interface CollectionView {
  _id: string;
  _creationTime: number;
  name: string;
  isPublic: boolean;
  shareId: string | null;
  imageCount: number;
  updatedAt: number;
  cover: CollectionCoverView | null;
}

/** An image of a public collection, as `collections:publicImages` returns it (no owner's fields). */
export type PublicImageView = Pick<
  ImageView,
  "_id" | "width" | "height" | "placeholder" | "format" | "prompt" | "model"
> & { s3Key: string };
