import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import type { AuthState } from "./auth-session.js";
import type { ConnectionStatus } from "./connection.js";
import type { DownloadLink } from "./downloads.js";
import type { UploadedInput } from "@pixorly/core";
import type { UploadInputOptions } from "./input-uploads.js";
import type { ImageTransform, SignedUrl } from "./signed-urls.js";

/**
 * What the elements need from a backend connection. `PixorlyClient` implements it
 * over Convex and the edge API; component tests provide a fake through the same context.
 */
export interface StudioClient {
  /** The link to the backend, for the connection indicator. */
  readonly connection: ConnectionStatus;
  /** When the next reconnect attempt is due (ms since the epoch) while `connection` is `reconnecting`, if known. */
  readonly retryAt: number | null;
  readonly authState: AuthState;
  /** Why auth failed, in words for people (empty unless `authState` is `expired` or `failed`). */
  readonly authMessage: string;
  /** What is wrong with `api-url` for this page (checked once signed in), or null. */
  readonly apiProblem: "api-unreachable" | "origin" | null;
  /** The token allows white-labelling (its `whiteLabel` claim, issued for partners whose plan allows it). */
  readonly whiteLabel: boolean;
  /** Calls `listener` whenever `connection`, `retryAt` or `authState` changes; returns the unsubscribe. */
  onStateChange(listener: () => void): () => void;
  /** Subscribes to a query; `onValue` runs with every new result. Returns the unsubscribe. */
  watch<Q extends FunctionReference<"query">>(
    query: Q,
    args: FunctionArgs<Q>,
    onValue: (value: FunctionReturnType<Q>) => void,
    onError: (error: Error) => void,
  ): () => void;
  mutation<M extends FunctionReference<"mutation">>(mutation: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>>;
  /** A signed URL for an image the caller may read, or null. */
  signedUrl(imageId: string, transform?: ImageTransform): Promise<SignedUrl | null>;
  /** Forgets the cached signed URLs of an image, so the next `signedUrl` is a fresh one (an image that failed to load). */
  forgetSignedUrl(imageId: string): void;
  /** The cached signed URL if it is still fresh (no network). */
  cachedSignedUrl(imageId: string, transform?: ImageTransform): SignedUrl | undefined;
  /**
   * A URL that saves the image as a file (the edge's signed `download` variant), or null when the
   * caller may not read it. Throws `DownloadUnsupportedError` when the edge API has no such variant.
   */
  downloadUrl(imageId: string, transform?: ImageTransform): Promise<{ url: string; expiresAt: number } | null>;
  /** A short-lived URL of a ZIP of the caller's images (1–100). */
  zipUrl(imageIds: readonly string[], transform?: ImageTransform): Promise<DownloadLink>;
  /**
   * Uploads an image (or, with `kind: "mask"`, a mask) to work from: `POST {apiUrl}/v1/inputs`. Rejects with
   * `InputUploadError` (the edge API's code and message). Optional: a client without it offers no uploads.
   */
  uploadInput?(file: Blob, options?: UploadInputOptions): Promise<UploadedInput>;
}
