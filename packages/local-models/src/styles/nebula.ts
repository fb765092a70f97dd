import type { RgbCanvas } from '../raster';
import type { Scene } from '../scene';
export function paintNebula(_canvas: RgbCanvas, _scene: Scene): void {}
