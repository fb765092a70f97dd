import { PixorlyRecentResults } from "./recent-results.component.js";

export * from "./recent-results.component.js";
export default PixorlyRecentResults;

PixorlyRecentResults.define("pixorly-recent-results");

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-recent-results": PixorlyRecentResults;
  }
}
