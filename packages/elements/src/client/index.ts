export * from "./light.js";
export { AuthSession } from "./auth-session.js";
export { PixorlyClient } from "./pixorly-client.js";
export { SignedUrlService } from "./signed-urls.js";
