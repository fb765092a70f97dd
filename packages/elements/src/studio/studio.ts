import { PixorlyStudio } from "./studio.component.js";

export * from "./studio.component.js";
export default PixorlyStudio;

PixorlyStudio.define("pixorly-studio");

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-studio": PixorlyStudio;
  }
}
