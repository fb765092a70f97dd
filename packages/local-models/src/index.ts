export {
  LOCAL_MAX_SIZE,
  LOCAL_MIN_SIZE,
  type LocalModelInfo,
  type LocalRenderRequest,
  type LocalPixels,
  type LocalRenderResult,
  type LocalStyle,
  localModels,
  renderLocalImage,
  renderLocalPixels,
} from "./models";
export { measureRenderMsPerMegapixel } from "./measure";
export { type RasterImage, encodePng } from "./png";
export {
  DEFAULT_STRENGTH,
  type LocalInputOperation,
  type LocalInputRequest,
  renderLocalPixelsFromInput,
} from "./image-input";
