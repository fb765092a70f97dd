import { encodePng } from "./png";
import { RgbCanvas } from "./raster";
import { readPrompt, type Scene } from "./scene";
import { paintAurora } from "./styles/aurora";
import { paintMosaic } from "./styles/mosaic";
import { paintNebula } from "./styles/nebula";

export type LocalStyle = "aurora" | "mosaic" | "nebula";

/** Size limits of every local model; the same as the global request limits in @pixorly/core. */
export const LOCAL_MIN_SIZE = 64;
export const LOCAL_MAX_SIZE = 2048;
const MAX_SEED = 0xffff_ffff;

/**
 * A local model's descriptor. Its fields match `ModelInfo` in @pixorly/core (structurally,
 * so this package needs no dependency), plus `style`.
 */
export interface LocalModelInfo {
  id: `local/${LocalStyle}`;
  name: string;
  provider: "local";
  description: string;
  style: LocalStyle;
  /** 1 credit = $0.001; local renders only cost our CPU time. */
  costPerImageCredits: number;
  /** Typical time for a 1024×1024 image on a 2-core machine. */
  estimatedMs: number;
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  supports: { negativePrompt: false; seed: true };
}

const sizeLimits = {
  minWidth: LOCAL_MIN_SIZE,
  maxWidth: LOCAL_MAX_SIZE,
  minHeight: LOCAL_MIN_SIZE,
  maxHeight: LOCAL_MAX_SIZE,
};

export const localModels: readonly LocalModelInfo[] = [
  {
    id: "local/aurora",
    name: "Aurora",
    provider: "local",
    description:
      "Flowing curtains of light over a graded sky, with stars, moons and mountain ridges when the prompt asks.",
    style: "aurora",
    costPerImageCredits: 1,
    estimatedMs: 150,
    ...sizeLimits,
    supports: { negativePrompt: false, seed: true },
  },
  {
    id: "local/mosaic",
    name: "Mosaic",
    provider: "local",
    description: "Faceted low-poly landscapes of lit triangles, coloured by the prompt.",
    style: "mosaic",
    costPerImageCredits: 1,
    estimatedMs: 70,
    ...sizeLimits,
    supports: { negativePrompt: false, seed: true },
  },
  {
    id: "local/nebula",
    name: "Nebula",
    provider: "local",
    description: "Deep-space clouds of glowing gas and dust with star fields.",
    style: "nebula",
    costPerImageCredits: 2,
    estimatedMs: 200,
    ...sizeLimits,
    supports: { negativePrompt: false, seed: true },
  },
];

const painters: Record<LocalStyle, (canvas: RgbCanvas, scene: Scene) => void> = {
  aurora: paintAurora,
  mosaic: paintMosaic,
  nebula: paintNebula,
};

export interface LocalRenderRequest {
  /** A `localModels` id, e.g. "local/aurora". */
  model: string;
  prompt: string;
  /** Unsigned 32-bit integer; the same prompt, seed and size always give the same bytes. */
  seed: number;
  width: number;
  height: number;
}

export interface LocalRenderResult {
  png: Uint8Array;
  width: number;
  height: number;
  mimeType: "image/png";
}

/** Raw pixels of a render: 8-bit RGB, row by row. */
export interface LocalPixels {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Renders one image with a built-in model. Pure computation: no I/O, no clock, no global state. */
export function renderLocalImage(request: LocalRenderRequest): LocalRenderResult {
  const { width, height, rgb } = renderLocalPixels(request);
  return { png: encodePng({ width, height, channels: 3, data: rgb }), width, height, mimeType: "image/png" };
}

/** The same render as raw pixels, for previews and placeholders (no PNG encoding). */
export function renderLocalPixels(request: LocalRenderRequest): LocalPixels {
  const { model: modelId, prompt, seed, width, height } = request;
  const model = localModels.find((candidate) => candidate.id === modelId);
  if (!model) {
    throw new RangeError(
      `Unknown local model ${JSON.stringify(modelId)}; expected one of ${localModels.map((m) => m.id).join(", ")}`,
    );
  }
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(value) || value < LOCAL_MIN_SIZE || value > LOCAL_MAX_SIZE) {
      throw new RangeError(
        `${name} must be a whole number of pixels from ${LOCAL_MIN_SIZE} to ${LOCAL_MAX_SIZE}, got ${value}`,
      );
    }
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  }
  if (typeof prompt !== "string") throw new TypeError("prompt must be a string");

  const canvas = new RgbCanvas(width, height);
  painters[model.style](canvas, readPrompt(prompt, seed));
  return { width, height, rgb: canvas.data };
}
