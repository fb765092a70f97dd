/**
 * The built-in models with input images (issue 16), on Node: sharp decodes the source and mask to
 * raw pixels of the output's size, `@pixorly/local-models` renders and blends them
 * (deterministically, in pure JavaScript), and sharp encodes the PNG and a ThumbHash placeholder.
 * `local/upscale` is sharp alone: Lanczos3 resampling and a light sharpen. Only `generationNode.ts`
 * ("use node") imports this module; Convex's default runtime has no sharp. sharp is loaded on first
 * use, not with the module, so a runtime that loads every module up front does not pay for it.
 */
import type { Sharp } from "sharp";
import { rgbaToThumbHash } from "thumbhash";
import { renderLocalPixelsFromInput } from "@pixorly/local-models";
import { LocalProvider } from "./local";
import {
  ProviderError,
  type ImageProvider,
  type ProviderImage,
  type ProviderInput,
  type ProviderRequest,
  type ProviderResult,
} from "./types";

/** The sharpen after an upscale: a small radius, so edges firm up without halos. */
const UPSCALE_SHARPEN = { sigma: 0.6, m1: 0.5, m2: 2 } as const;

const loadSharp = async () => (await import("sharp")).default;

export class LocalInputProvider implements ImageProvider {
  readonly id = "local";

  async generate(req: ProviderRequest, opts: { signal?: AbortSignal } = {}): Promise<ProviderResult> {
    const input = req.input;
    if (!input) return await new LocalProvider().generate(req);
    if (input.operation === "upscale") return { images: [await upscale(input)] };
    if (input.operation === "remove-background") {
      throw new ProviderError("MODEL_UNAVAILABLE", "no offline background removal", {
        retryable: false,
        userMessage: "Background removal is not available offline; choose a provider model that offers it.",
      });
    }
    const { width, height } = req;
    const sharp = await loadSharp();
    const source = await sharp(input.image).removeAlpha().resize(width, height, { fit: "cover" }).raw().toBuffer();
    const mask = input.mask
      ? await sharp(input.mask).resize(width, height, { fit: "fill" }).toColourspace("b-w").raw().toBuffer()
      : undefined;
    const images: ProviderImage[] = [];
    for (let n = 0; n < req.numImages; n++) {
      opts.signal?.throwIfAborted();
      const { rgb } = renderLocalPixelsFromInput({
        model: req.model,
        prompt: req.prompt,
        seed: ((req.seed ?? 0) + n) >>> 0,
        width,
        height,
        operation: input.operation,
        source: new Uint8Array(source.buffer, source.byteOffset, source.byteLength),
        ...(mask ? { mask: new Uint8Array(mask.buffer, mask.byteOffset, mask.byteLength) } : {}),
        ...(input.strength !== undefined ? { strength: input.strength } : {}),
      });
      images.push(await encode(sharp(rgb, { raw: { width, height, channels: 3 } }), sharp));
    }
    return { images };
  }
}

/** ×2 or ×4 with Lanczos3 and a mild sharpen, as a PNG (the source's alpha kept). */
async function upscale(input: ProviderInput): Promise<ProviderImage> {
  const sharp = await loadSharp();
  const scale = input.scale ?? 2;
  const meta = await sharp(input.image).metadata();
  if (!meta.width || !meta.height)
    throw new ProviderError("INVALID_ARGUMENT", "unreadable upscale source", { retryable: false });
  return await encode(
    sharp(input.image, { limitInputPixels: false })
      .resize(meta.width * scale, meta.height * scale, { kernel: "lanczos3" })
      .sharpen(UPSCALE_SHARPEN),
    sharp,
  );
}

async function encode(image: Sharp, sharp: Awaited<ReturnType<typeof loadSharp>>): Promise<ProviderImage> {
  const png = await image.png({ compressionLevel: 6 }).toBuffer();
  const small = await sharp(png)
    .resize(64, 64, { fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const hash = rgbaToThumbHash(small.info.width, small.info.height, small.data);
  return {
    bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    mimeType: "image/png",
    placeholder: Buffer.from(hash).toString("base64"),
  };
}
