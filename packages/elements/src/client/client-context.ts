import { createContext } from "@lit/context";
import type { StudioClient } from "./studio-client.js";

/** The studio's client, provided by `<pixorly-studio>` (or a test) to every element inside it. */
export const clientContext = createContext<StudioClient | undefined>(Symbol.for("pixorly-client"));
