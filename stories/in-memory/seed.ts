/**
 * The data a story starts from: the model catalog (the three offline models as the backend
 * lists them, plus two cloud models so comparison and the picker's filters have something to
 * tell apart), and a library of any size, made up deterministically so every run of a story
 * (and every screenshot) shows the same thing.
 */
import type { ModelInfo } from "@pixorly/core";
import { localModels } from "@pixorly/local-models";
import type { CollectionDoc, ImageDoc, Job } from "../../packages/elements/src/client/api.js";

const LOCAL_IMAGE_INPUT: NonNullable<ModelInfo["supports"]["imageInput"]> = {
  operations: ["img2img", "variations", "inpaint"],
  maxImages: 1,
  strength: { min: 0, max: 1, default: 0.6 },
};

/** The catalog `models:list` answers: what the offline backend offers, and two cloud models. */
export const CATALOG: ModelInfo[] = [
  // The offline models take an image as the backend lists them (issue 16): image to image, variations, inpainting.
  ...localModels.map(({ style: _style, ...model }) => ({
    ...model,
    estimatedMs: 1_500,
    supports: { imageInput: LOCAL_IMAGE_INPUT, ...model.supports },
  })),
  {
    id: "local/upscale",
    name: "Upscale",
    provider: "local",
    description: "Lanczos upscaling with sharpening, ×2 or ×4, offline.",
    costPerImageCredits: 1,
    estimatedMs: 1_500,
    minWidth: 64,
    maxWidth: 4096,
    minHeight: 64,
    maxHeight: 4096,
    supports: {
      negativePrompt: false,
      seed: false,
      imageInput: { operations: ["upscale"], maxImages: 1, scales: [2, 4], required: true },
    },
  },
  {
    id: "google/gemini-2.5-flash-image",
    name: "Gemini 2.5 Flash Image",
    provider: "openrouter",
    description: "Google's fast image model: follows long prompts and keeps text legible.",
    costPerImageCredits: 39,
    estimatedMs: 6_000,
    minWidth: 256,
    maxWidth: 2048,
    minHeight: 256,
    maxHeight: 2048,
    supports: { negativePrompt: false, seed: false },
  },
  {
    id: "black-forest-labs/flux-1.1-pro",
    name: "FLUX 1.1 [pro]",
    provider: "openrouter",
    description: "Photographic detail with strong prompt adherence; steps and guidance can be tuned.",
    costPerImageCredits: 40,
    estimatedMs: 9_000,
    minWidth: 256,
    maxWidth: 1440,
    minHeight: 256,
    maxHeight: 1440,
    supports: {
      negativePrompt: true,
      seed: true,
      steps: { min: 1, max: 50, default: 28 },
      guidance: { min: 1, max: 10, default: 3.5 },
      numImages: { min: 1, max: 4, default: 1 },
    },
  },
];

export const PROMPTS = [
  "aurora over a frozen fjord, stars and a crescent moon",
  "low-poly mountains at sunset, warm orange light",
  "a nebula shaped like a seahorse, deep violet and teal",
  "emerald forest in the mist at dawn",
  "fiery sunset over the desert dunes",
  "blue ocean at night under a full moon",
  "isometric tiny city on a floating island",
  "a lighthouse in a storm, oil painting",
  "cherry blossoms by a quiet river, spring morning",
  "a red fox in fresh snow, morning light",
  "glacier cave glowing turquoise",
  "galaxy spiral with golden dust lanes",
];

/** A prompt long enough to wrap many times (the prompt box's limit is 2,000 characters). */
export const LONG_PROMPT =
  "A sweeping panoramic view of an ancient harbour city at the golden hour, seen from a hill of olive trees: " +
  "terracotta roofs stepping down to a turquoise bay crowded with wooden sailing ships, their canvas lit amber by the low sun; " +
  "gulls wheeling above a lighthouse of pale limestone; market stalls with striped awnings along the quay, lanterns just being lit; " +
  "a thin veil of sea mist softening the far headland, long shadows, warm rim light on every mast, " +
  "painted in the manner of a nineteenth-century romantic landscape with visible brushwork, rich glazes and a luminous sky " +
  "that shades from apricot at the horizon to deep cerulean overhead, highly detailed, balanced composition, no text, no watermark.";

const DAY = 86_400_000;
/** A fixed "now" for made-up history, so dates in a story never change from run to run. */
export const SEED_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

/** The library size of the share-page stories (the static build carries their public images as files). */
export const PUBLIC_LIBRARY_SIZE = 200;

/** `count` images, newest first, spread over the last months, in every model, some favorites and tagged. */
export function makeLibrary(count: number): ImageDoc[] {
  const sizes = [
    [1024, 1024],
    [1024, 768],
    [768, 1024],
    [1344, 768],
  ] as const;
  const tags = ["sky", "sea", "night", "city", "forest"];
  return Array.from({ length: count }, (_, n) => {
    const model = CATALOG[n % CATALOG.length]!;
    const [width, height] = sizes[n % sizes.length]!;
    const prompt = PROMPTS[n % PROMPTS.length]!;
    return {
      _id: `img_${String(n).padStart(5, "0")}`,
      _creationTime: SEED_NOW - n * (DAY / 7),
      jobId: `job_seed_${Math.floor(n / 2)}`,
      model: model.id,
      prompt,
      width,
      height,
      format: "png",
      size: 180_000 + ((n * 7919) % 900_000),
      seed: (n * 2654435761) % 4_294_967_296,
      favorite: n % 7 === 0,
      isPublic: n % 11 === 0,
      tags: n % 3 === 0 ? [tags[n % tags.length]!] : [],
      parameters: {
        width,
        height,
        seed: (n * 2654435761) % 4_294_967_296,
        numImages: 2,
        ...(model.supports.steps ? { steps: 28, guidance: 3.5 } : {}),
      },
    };
  });
}

/** The finished job each seeded image came from (the lightbox shows its cost and duration). */
export function jobForImages(images: ImageDoc[]): Job {
  const first = images[0]!;
  return {
    _id: first.jobId,
    _creationTime: first._creationTime - 9_000,
    prompt: first.prompt,
    model: first.model,
    provider: first.model.startsWith("local/") ? "local" : "openrouter",
    parameters: { width: first.width, height: first.height, seed: first.seed, numImages: images.length },
    status: "completed",
    reservedCredits: 2,
    actualCost: 2,
    resultImageIds: images.map((image) => image._id),
    startedAt: first._creationTime - 6_000,
    completedAt: first._creationTime,
    queuePosition: null,
  };
}

/** Collections over a library: names, visibility and which images (in their own order). */
export function makeCollections(
  images: ImageDoc[],
): { doc: Omit<CollectionDoc, "imageCount" | "cover">; imageIds: string[] }[] {
  const pick = (from: number, count: number, step: number) =>
    Array.from({ length: count }, (_, n) => images[(from + n * step) % Math.max(1, images.length)]?._id).filter(
      (id): id is string => !!id,
    );
  return [
    {
      doc: {
        _id: "col_sea",
        _creationTime: SEED_NOW - 40 * DAY,
        name: "Seascapes",
        isPublic: true,
        shareId: "share_seascapes",
        updatedAt: SEED_NOW - DAY,
      },
      imageIds: pick(5, 14, 12),
    },
    {
      doc: {
        _id: "col_night",
        _creationTime: SEED_NOW - 30 * DAY,
        name: "Night skies",
        isPublic: false,
        shareId: null,
        updatedAt: SEED_NOW - 3 * DAY,
      },
      imageIds: pick(0, 9, 12),
    },
    {
      doc: {
        _id: "col_moodboard",
        _creationTime: SEED_NOW - 20 * DAY,
        name: "Moodboard for the spring campaign",
        isPublic: false,
        shareId: null,
        updatedAt: SEED_NOW - 5 * DAY,
      },
      imageIds: pick(8, 6, 5),
    },
    {
      doc: {
        _id: "col_empty",
        _creationTime: SEED_NOW - 2 * DAY,
        name: "To sort",
        isPublic: false,
        shareId: null,
        updatedAt: SEED_NOW - 2 * DAY,
      },
      imageIds: [],
    },
  ];
}

/** Jobs in each state, for stories that show one job as it stands (not moving). */
export function jobInState(status: Job["status"], overrides: Partial<Job> = {}): Job {
  const now = Date.now();
  return {
    _id: `job_${status}`,
    _creationTime: now - 8_000,
    prompt: "a lighthouse in a storm, oil painting",
    model: "local/aurora",
    provider: "local",
    parameters: { width: 1024, height: 1024, seed: 7, numImages: 1 },
    status,
    reservedCredits: 1,
    resultImageIds: [],
    queuePosition: status === "pending" ? 3 : null,
    ...(status === "processing" ? { startedAt: now - 1_500 } : {}),
    ...(status === "completed" ? { startedAt: now - 7_000, completedAt: now - 4_200, actualCost: 1 } : {}),
    ...(status === "failed"
      ? {
          startedAt: now - 7_000,
          completedAt: now - 5_000,
          error: { code: "PROVIDER_ERROR", message: "The image provider failed. Your credits were refunded." },
        }
      : {}),
    ...(status === "cancelled" ? { completedAt: now - 6_000 } : {}),
    ...overrides,
  };
}
