/**
 * Real pictures for the catalog without a CDN: every image is painted in the browser by the
 * same procedural models the offline backend uses (@pixorly/local-models), in a worker, encoded
 * as a PNG by the browser's canvas (far faster than the package's pure-JS encoder) and handed out as a `blob:` URL — so a story looks like the product, not like grey boxes,
 * and needs no network. Paints are small (the catalog is for looking, not for pixels) and
 * cached: a gallery of thousands paints only the tiles it shows.
 */
import { localModels, renderLocalPixels } from "@pixorly/local-models";
import { rgbaToThumbHash } from "thumbhash";

/** What a picture is painted from (an image document has all of it). */
export interface ArtSource {
  model: string;
  prompt: string;
  seed: number;
  width: number;
  height: number;
}

/** Longest side painted for thumbnails (`w` ≤ 512), the lightbox's variant (≤ 1024), and originals (0 or wider). */
const THUMB_SIDE = 224;
const MEDIUM_SIDE = 448;
const LARGE_SIDE = 640;
/** ThumbHash takes at most 100×100 pixels. */
const PLACEHOLDER_SIDE = 32;

const urls = new Map<string, Promise<string>>();
const placeholders = new Map<string, string>();

/** Cloud models have no local painter: each borrows one, so the catalog still shows a picture. */
export function painterFor(model: string): string {
  if (localModels.some((candidate) => candidate.id === model)) return model;
  const styles = localModels.map((candidate) => candidate.id);
  let hash = 0;
  for (const char of model) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return styles[hash % styles.length]!;
}

export function fit(source: ArtSource, side: number): { width: number; height: number } {
  const scale = Math.min(1, side / Math.max(source.width, source.height));
  return {
    width: Math.max(64, Math.round(source.width * scale)),
    height: Math.max(64, Math.round(source.height * scale)),
  };
}

/** A `blob:` URL of the picture, `requestWidth` wide or so (0: the original). */
export function artUrl(source: ArtSource, requestWidth = 0): Promise<string> {
  const side =
    requestWidth > 0 && requestWidth <= 512
      ? THUMB_SIDE
      : requestWidth > 0 && requestWidth <= 1024
        ? MEDIUM_SIDE
        : LARGE_SIDE;
  const key = `${source.model}|${source.prompt}|${source.seed}|${source.width}x${source.height}|${side}`;
  let url = urls.get(key);
  if (!url) {
    url = paintPng(source, side).then((png) => URL.createObjectURL(png));
    urls.set(key, url);
  }
  return url;
}

interface PaintJob {
  request: { model: string; prompt: string; seed: number; width: number; height: number };
  resolve: (png: Blob) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 0;
const inFlight = new Map<number, PaintJob>();
/** Waiting paints, smallest first when sent: a gallery's thumbnails must not wait behind the large variants of its srcsets. */
const queue: PaintJob[] = [];
const MAX_IN_FLIGHT = 2;

/** Paints in `paint-worker.ts` (started on first use: this module is also imported by the build's Node plugin). */
function paintPng(source: ArtSource, side: number): Promise<Blob> {
  const request = {
    model: painterFor(source.model),
    prompt: source.prompt,
    seed: source.seed >>> 0,
    ...fit(source, side),
  };
  return new Promise((resolve, reject) => {
    queue.push({ request, resolve, reject });
    pump();
  });
}

function pump(): void {
  if (!worker) {
    worker = new Worker(new URL("./paint-worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }: MessageEvent<{ id: number; png?: Blob; error?: string }>) => {
      const job = inFlight.get(data.id);
      inFlight.delete(data.id);
      if (data.png) job?.resolve(data.png);
      else job?.reject(new Error(`Could not paint the picture: ${data.error}`));
      pump();
    };
  }
  while (inFlight.size < MAX_IN_FLIGHT && queue.length > 0) {
    let smallest = 0;
    for (let index = 1; index < queue.length; index++)
      if (queue[index]!.request.width < queue[smallest]!.request.width) smallest = index;
    const [job] = queue.splice(smallest, 1);
    const id = (nextId += 1);
    inFlight.set(id, job!);
    worker.postMessage({ id, request: job!.request });
  }
}

/** The picture's PNG bytes (for downloads and ZIPs). */
export async function artBytes(source: ArtSource): Promise<Uint8Array> {
  const response = await fetch(await artUrl(source));
  return new Uint8Array(await response.arrayBuffer());
}

/** The picture's ThumbHash (base64), as the backend stores it with every image. */
export function artPlaceholder(source: ArtSource): string {
  const key = `${source.model}|${source.prompt}|${source.seed}|${source.width}x${source.height}`;
  let hash = placeholders.get(key);
  if (!hash) {
    const scale = PLACEHOLDER_SIDE / Math.max(source.width, source.height);
    const size = {
      width: Math.max(1, Math.round(source.width * scale)),
      height: Math.max(1, Math.round(source.height * scale)),
    };
    const { rgb } = renderLocalPixels({
      model: painterFor(source.model),
      prompt: source.prompt,
      seed: source.seed >>> 0,
      ...fit(source, 64),
    });
    hash = toThumbHash(rgb, fit(source, 64), size);
    placeholders.set(key, hash);
  }
  return hash;
}

/** Downsamples an RGB paint (nearest pixel) to `to` (at most 32×32) RGBA and hashes it. */
function toThumbHash(
  rgb: Uint8Array,
  from: { width: number; height: number },
  to: { width: number; height: number },
): string {
  const { width, height } = to;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.floor((x * from.width) / width);
      const sy = Math.floor((y * from.height) / height);
      const src = (sy * from.width + sx) * 3;
      rgba.set([rgb[src]!, rgb[src + 1]!, rgb[src + 2]!, 255], (y * width + x) * 4);
    }
  }
  let binary = "";
  for (const byte of rgbaToThumbHash(width, height, rgba)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
