import type { RgbCanvas } from '../raster';
import type { Scene } from '../scene';
export function paintMosaic(_canvas: RgbCanvas, _scene: Scene): void {}
