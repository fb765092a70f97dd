/** Types for webkit-webdriver.mjs (a plain ES module, also imported by the TypeScript journeys in e2e/engines/). */
export declare const WEBKIT_DRIVER: string;
export declare const MINIBROWSER: string;
export declare function checkWebKitInstalled(): void;
export interface WebKitSession {
  /** A WebDriver command on this session: `call("POST", "/url", { url })`; resolves to the answer's `value`. */
  call(method: string, path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}
export declare function startWebKitSession(options?: {
  width?: number;
  height?: number;
  /** Where MiniBrowser saves downloads (its XDG download folder). */
  downloadDir?: string;
}): Promise<WebKitSession>;
