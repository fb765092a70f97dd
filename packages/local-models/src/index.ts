export {
  LOCAL_MAX_SIZE,
  LOCAL_MIN_SIZE,
  type LocalModelInfo,
  type LocalRenderRequest,
  type LocalRenderResult,
  type LocalStyle,
  localModels,
  renderLocalImage,
} from './models';
export { measureRenderMsPerMegapixel } from './measure';
export { type RasterImage, encodePng } from './png';
