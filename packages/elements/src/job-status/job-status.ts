import { PixorlyJobStatus } from "./job-status.component.js";

export * from "./job-status.component.js";
export default PixorlyJobStatus;

PixorlyJobStatus.define("pixorly-job-status");

declare global {
  interface HTMLElementTagNameMap {
    "pixorly-job-status": PixorlyJobStatus;
  }
}
