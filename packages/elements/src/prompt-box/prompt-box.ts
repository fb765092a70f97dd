import { PixorlyPromptBox } from "./prompt-box.component.js";

export { PixorlyPromptBox };
export default PixorlyPromptBox;

PixorlyPromptBox.define("pixorly-prompt-box");

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-prompt-box": PixorlyPromptBox;
  }
}
