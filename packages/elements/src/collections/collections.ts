import { PixorlyCollectionView } from "./collection-view.component.js";
import { PixorlyCollections } from "./collections.component.js";

export { PixorlyCollections, PixorlyCollectionView };
export default PixorlyCollections;

PixorlyCollections.define("pixorly-collections", PixorlyCollections);
PixorlyCollectionView.define("pixorly-collection-view", PixorlyCollectionView);

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-collections": PixorlyCollections;
    "pixorly-collection-view": PixorlyCollectionView;
  }
}
