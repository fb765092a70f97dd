/** Types for webdriver-page.mjs (a plain ES module, also imported by the TypeScript journeys in e2e/engines/). */
import type { WebKitSession } from "./webkit-webdriver.mjs";

type Button = { button?: "left" | "middle" | "right" };
export interface WebDriverPage {
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string): Promise<void>;
    down(key: string): Promise<void>;
    up(key: string): Promise<void>;
  };
  mouse: {
    move(x: number, y: number): Promise<void>;
    click(x: number, y: number, options?: Button): Promise<void>;
    down(options?: Button): Promise<void>;
    up(options?: Button): Promise<void>;
    reset(): Promise<void>;
  };
  setViewport(size: { width: number; height: number }): Promise<void>;
}
export declare function webdriverPage(webkit: WebKitSession): WebDriverPage;
