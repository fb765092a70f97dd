/**
 * The client layer without the Convex client itself (`PixorlyClient`, its `AuthSession` and
 * `SignedUrlService`): what the elements need at their first paint. `pixorly.js` exports this
 * and loads the rest after the first paint (`loadClient()`); `./index.ts` exports everything.
 */
export { api, FINAL_JOB_STATUSES } from "./api.js";
export type {
  CollectionCover,
  CollectionDoc,
  GenerationInput,
  ImageDoc,
  ImageFilter,
  Job,
  JobParameters,
  JobStatus,
  PublicImage,
} from "./api.js";
export type { AuthSessionOptions, AuthState } from "./auth-session.js";
export { clientContext } from "./client-context.js";
export { connectionStatus, type ConnectionStatus } from "./connection.js";
export { jobErrorMessage, toUserFacingError, type UserFacingError } from "./errors.js";
export { loadClient } from "./load-client.js";
export type { PixorlyClientOptions } from "./pixorly-client.js";
export { QueryController, SKIP } from "./query-controller.js";
export { PaginatedQueryController, type PageArgs } from "./paginated-query-controller.js";
export { SignedUrlController, type SignedUrlState } from "./signed-url-controller.js";
export type { ImageTransform, SignedUrl, SignedUrlServiceOptions } from "./signed-urls.js";
export type { StudioClient } from "./studio-client.js";
export { tokenExpiry, tokenFromUrl, type TokenProvider } from "./token.js";
