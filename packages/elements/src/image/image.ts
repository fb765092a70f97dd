import { PixorlyImage } from "./image.component.js";

export { PixorlyImage };
export default PixorlyImage;

PixorlyImage.define("pixorly-image", PixorlyImage);

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-image": PixorlyImage;
  }
}
