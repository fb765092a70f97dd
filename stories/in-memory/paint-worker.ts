/**
 * Paints pictures off the main thread: a gallery of thousands asks for dozens at once, and
 * painting them where the elements run would freeze scrolling (and the tests' axe runs) for
 * seconds. Answers each `{ id, request }` with `{ id, png }` (a PNG Blob) or `{ id, error }`.
 */
import { renderLocalPixels, type LocalRenderRequest } from "@pixorly/local-models";

/** The worker's global scope, typed by hand (the project's lib is DOM, not WebWorker). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ id: number; request: LocalRenderRequest }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = async ({ data: { id, request } }) => {
  try {
    const { width, height, rgb } = renderLocalPixels(request);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let pixel = 0; pixel < width * height; pixel++) {
      rgba[pixel * 4] = rgb[pixel * 3]!;
      rgba[pixel * 4 + 1] = rgb[pixel * 3 + 1]!;
      rgba[pixel * 4 + 2] = rgb[pixel * 3 + 2]!;
      rgba[pixel * 4 + 3] = 255;
    }
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext("2d")!.putImageData(new ImageData(rgba, width, height), 0, 0);
    scope.postMessage({ id, png: await canvas.convertToBlob({ type: "image/png" }) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
