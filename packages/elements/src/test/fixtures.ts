/** Test data shaped like what the Convex functions return. */
import { rgbaToThumbHash } from "thumbhash";
import type { ImageDoc, Job } from "../client/api.js";
import type { ModelInfo } from "@pixorly/core";

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    _id: "job1",
    _creationTime: Date.now() - 5_000,
    prompt: "a lighthouse in a storm, oil painting",
    model: "local/aurora",
    provider: "local",
    parameters: { width: 512, height: 512, seed: 7, numImages: 1 },
    status: "pending",
    reservedCredits: 1,
    resultImageIds: [],
    queuePosition: null,
    ...overrides,
  };
}

/** A real ThumbHash (base64) of a small two-tone image. */
export function samplePlaceholder(): string {
  const w = 16;
  const h = 16;
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set(i % w < 8 ? [40, 90, 200, 255] : [250, 180, 40, 255], i * 4);
  return btoa(String.fromCharCode(...rgbaToThumbHash(w, h, rgba)));
}

export function makeImage(overrides: Partial<ImageDoc> = {}): ImageDoc {
  return {
    _id: "img1",
    _creationTime: Date.now(),
    jobId: "job1",
    model: "local/aurora",
    prompt: "a lighthouse in a storm, oil painting",
    width: 512,
    height: 512,
    format: "png",
    size: 1234,
    placeholder: samplePlaceholder(),
    seed: 7,
    ...overrides,
  };
}

export function makeModel(overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id: "local/aurora",
    name: "Aurora",
    provider: "local",
    description: "Soft gradients",
    costPerImageCredits: 1,
    estimatedMs: 4_000,
    minWidth: 64,
    maxWidth: 2048,
    minHeight: 64,
    maxHeight: 2048,
    supports: { negativePrompt: false, seed: true, numImages: { min: 1, max: 4, default: 1 } },
    ...overrides,
  };
}

/** A tiny PNG as a data URL, standing in for a signed CDN URL. */
export const PIXEL_URL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
