/** The built-in offline models as an `ImageProvider` (pure JavaScript, runs in any Convex runtime). */
import { renderLocalImage } from "@pixorly/local-models";
import type { ImageProvider, ProviderRequest, ProviderResult } from "./types";

export class LocalProvider implements ImageProvider {
  readonly id = "local";

  async generate(req: ProviderRequest): Promise<ProviderResult> {
    const images = [];
    for (let n = 0; n < req.numImages; n++) {
      const seed = ((req.seed ?? 0) + n) >>> 0;
      const image = renderLocalImage({
        model: req.model,
        prompt: req.prompt,
        seed,
        width: req.width,
        height: req.height,
      });
      images.push({ bytes: image.png, mimeType: image.mimeType });
    }
    return { images };
  }
}
