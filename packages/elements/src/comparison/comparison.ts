import { PixorlyComparisonCell } from "./comparison-cell.component.js";
import { PixorlyComparison } from "./comparison.component.js";

export { PixorlyComparison, PixorlyComparisonCell };
export default PixorlyComparison;

PixorlyComparison.define("pixorly-comparison");

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-comparison": PixorlyComparison;
    "pixorly-comparison-cell": PixorlyComparisonCell;
  }
}
