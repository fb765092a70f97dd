import { PixorlyLightbox } from "./lightbox.component.js";

export { PixorlyLightbox };
export default PixorlyLightbox;

PixorlyLightbox.define("pixorly-lightbox", PixorlyLightbox);

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-lightbox": PixorlyLightbox;
  }
}
