import { PixorlyModelPicker } from "./model-picker.component.js";

export { PixorlyModelPicker };
export default PixorlyModelPicker;

PixorlyModelPicker.define("pixorly-model-picker");

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-model-picker": PixorlyModelPicker;
  }
}
