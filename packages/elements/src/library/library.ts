/**
 * The library views in one module: importing it defines `<pixorly-gallery>`,
 * `<pixorly-lightbox>`, `<pixorly-collections>` and `<pixorly-collection-view>`. The studio
 * and `pixorly.js` load it on first use (`loadLibrary()`), so the first paint does not pay for it.
 */
import "../collections/collections.js";
import "../gallery/gallery.js";
import "../lightbox/lightbox.js";

export { PixorlyCollectionView } from "../collections/collection-view.component.js";
export { PixorlyCollections } from "../collections/collections.component.js";
export { PixorlyGallery } from "../gallery/gallery.component.js";
export { PixorlyLightbox } from "../lightbox/lightbox.component.js";
