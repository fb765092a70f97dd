import { PixorlyGallery } from "./gallery.component.js";

export { PixorlyGallery };
export default PixorlyGallery;

PixorlyGallery.define("pixorly-gallery", PixorlyGallery);

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-gallery": PixorlyGallery;
  }
}
