import { PixorlyMaskEditor } from "./mask-editor.component.js";

export { PixorlyMaskEditor };
export type { MaskExportDetail } from "../events/mask-events.js";
export default PixorlyMaskEditor;

PixorlyMaskEditor.define("pixorly-mask-editor", PixorlyMaskEditor);

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-mask-editor": PixorlyMaskEditor;
  }
}
