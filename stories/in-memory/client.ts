/**
 * The catalog's `StudioClient`: the same interface `PixorlyClient` implements over Convex and
 * the edge API, served by an `InMemoryBackend` instead. Queries are live (every write re-runs
 * them and pushes changed results, as Convex does), answers arrive asynchronously after a
 * short latency, and a `mode` puts the whole client into the states a real one passes through:
 * still loading, failing, offline, reconnecting, signed out.
 *
 * It lives with the stories, not in the package: nothing in the published bundle imports it.
 */
import { zipSync } from "fflate";
import { ConvexError } from "convex/values";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { functionName } from "../../packages/elements/src/client/api.js";
import type { AuthState } from "../../packages/elements/src/client/auth-session.js";
import type { ConnectionStatus } from "../../packages/elements/src/client/connection.js";
import type { UploadedInput } from "@pixorly/core";
import type { DownloadLink } from "../../packages/elements/src/client/downloads.js";
import { InputUploadError, type UploadInputOptions } from "../../packages/elements/src/client/input-uploads.js";
import type { ImageTransform, SignedUrl } from "../../packages/elements/src/client/signed-urls.js";
import type { OwnedClient } from "../../packages/elements/src/studio/studio-connection.js";
import { artBytes, artUrl } from "./art.js";
import { InMemoryBackend } from "./backend.js";

/**
 * - `live`: connected and signed in; everything answers.
 * - `loading`: connected, but no query ever answers (the first-load state of every element).
 * - `error`: every query fails with the backend's `INTERNAL` error.
 * - `offline`: never connected (no answers; the indicator says offline).
 * - `reconnecting`: answered once, then lost the link (results stay, writes wait).
 * - `expired`: the session ran out (the studio offers "Sign in again").
 */
export type ClientMode = "live" | "loading" | "error" | "offline" | "reconnecting" | "expired";

export interface InMemoryClientOptions {
  mode?: ClientMode;
  /** Delay before each answer (ms): long enough that a story shows its loading state for a moment. */
  latencyMs?: number;
  /** Function names (`images:list`) that fail even in `live` mode, for one element's error state. */
  failing?: string[];
  /** Signed URLs never arrive (images stay on their ThumbHash placeholders). */
  holdImages?: boolean;
}

interface Watcher {
  name: string;
  args: Record<string, unknown>;
  onValue: (value: unknown) => void;
  onError: (error: Error) => void;
  last?: string;
}

const FAILURE = () =>
  new ConvexError({ code: "INTERNAL", message: "Something went wrong on our side. Please try again." });

export class InMemoryClient implements OwnedClient {
  connection: ConnectionStatus;
  authState: AuthState;
  authMessage = "";
  /** No reconnect countdown in stories (`reconnecting` shows "Reconnecting…"). */
  retryAt: number | null = null;
  /** Stories show the Pixorly title (a white-label token would set it). */
  whiteLabel = false;
  /** The in-memory API is always the right one. */
  apiProblem: "api-unreachable" | "origin" | null = null;

  private readonly watchers = new Set<Watcher>();
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly mode: ClientMode;
  private readonly latencyMs: number;
  private readonly failing: Set<string>;
  private readonly holdImages: boolean;
  private readonly stopListening: () => void;
  private rerunQueued = false;
  private closed = false;

  constructor(
    readonly backend: InMemoryBackend = new InMemoryBackend(),
    options: InMemoryClientOptions = {},
  ) {
    this.mode = options.mode ?? "live";
    this.latencyMs = options.latencyMs ?? 60;
    this.failing = new Set(options.failing ?? []);
    this.holdImages = options.holdImages ?? false;
    this.connection = this.mode === "offline" ? "offline" : this.mode === "reconnecting" ? "reconnecting" : "connected";
    this.authState = this.mode === "expired" ? "expired" : "signed-in";
    if (this.mode === "expired") this.authMessage = "Your session has expired. Sign in again to continue.";
    this.stopListening = backend.onChange(() => this.rerun());
  }

  /** Changes the link or sign-in state as a real client would report it. */
  setState(state: Partial<Pick<InMemoryClient, "connection" | "authState" | "authMessage">>): void {
    Object.assign(this, state);
    for (const listener of this.listeners) listener();
  }

  onStateChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watch<Q extends FunctionReference<"query">>(
    query: Q,
    args: FunctionArgs<Q>,
    onValue: (value: FunctionReturnType<Q>) => void,
    onError: (error: Error) => void,
  ): () => void {
    const watcher: Watcher = {
      name: functionName(query),
      args: args as Record<string, unknown>,
      onValue: onValue as (value: unknown) => void,
      onError,
    };
    this.watchers.add(watcher);
    if (this.answers()) this.after(this.latencyMs, () => this.deliver(watcher));
    return () => this.watchers.delete(watcher);
  }

  async mutation<M extends FunctionReference<"mutation">>(
    mutation: M,
    args: FunctionArgs<M>,
  ): Promise<FunctionReturnType<M>> {
    // Offline, the real client queues writes until the link is back: here it never comes back.
    if (this.mode === "offline" || this.mode === "reconnecting" || this.mode === "loading")
      return new Promise(() => {});
    await this.wait(this.latencyMs);
    const name = functionName(mutation);
    if (this.mode === "error" || this.failing.has(name)) throw FAILURE();
    return this.backend.mutation(name, args as Record<string, unknown>) as FunctionReturnType<M>;
  }

  async signedUrl(imageId: string, transform: ImageTransform = {}): Promise<SignedUrl | null> {
    if (this.holdImages || !this.answers()) return new Promise(() => {});
    await this.wait(this.latencyMs);
    const image = this.backend.image(imageId);
    return image
      ? { id: imageId, url: await artUrl(image, transform.w ?? 0), expiresAt: Date.now() + 3_600_000 }
      : null;
  }

  /** Nothing cached to forget: the in-memory URLs never expire. */
  forgetSignedUrl(): void {}

  cachedSignedUrl(): SignedUrl | undefined {
    return undefined;
  }

  async downloadUrl(imageId: string): Promise<{ url: string; expiresAt: number } | null> {
    const image = this.backend.image(imageId);
    return image ? { url: await artUrl(image), expiresAt: Date.now() + 300_000 } : null;
  }

  /** An upload as `POST /v1/inputs` answers it, with progress in quarters; the picture's size read from the file. */
  async uploadInput(file: Blob, options: UploadInputOptions = {}): Promise<UploadedInput> {
    if (!this.answers()) return new Promise(() => {});
    for (const share of [0.25, 0.5, 0.75]) {
      await this.wait(this.latencyMs);
      if (options.signal?.aborted) throw new DOMException("The upload was cancelled.", "AbortError");
      options.onProgress?.(share);
    }
    const bitmap = await createImageBitmap(file).catch(() => null);
    if (!bitmap) throw new InputUploadError("INPUT_UNREADABLE", "This image could not be read; it may be damaged.");
    const kind = options.kind ?? "image";
    const { inputId, width, height, format, bytes } = this.backend.addInput(
      kind,
      bitmap.width,
      bitmap.height,
      file.size,
    );
    options.onProgress?.(1);
    return { inputId, kind, width, height, format, bytes };
  }

  /** A real ZIP of the images' PNGs, as a `blob:` URL. */
  async zipUrl(imageIds: readonly string[]): Promise<DownloadLink> {
    const files: Record<string, Uint8Array> = {};
    for (const id of imageIds) {
      const image = this.backend.image(id);
      if (image) files[`pixorly-${id}.png`] = await artBytes(image);
    }
    const zip = zipSync(files, { level: 0 });
    const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: "application/zip" }));
    return { url, expiresAt: Date.now() + 300_000, filename: `pixorly-${imageIds.length}-images.zip` };
  }

  /** Stops answering, and the backend's job timers with it. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.watchers.clear();
    this.backend.close();
  }

  /** Subscriptions open now, by function name (for stories that check what an element asked for). */
  activeWatches(name?: string): number {
    return [...this.watchers].filter((watcher) => !name || watcher.name === name).length;
  }

  private answers(): boolean {
    return !this.closed && this.mode !== "loading" && this.mode !== "offline";
  }

  private deliver(watcher: Watcher): void {
    if (!this.watchers.has(watcher)) return;
    if (this.mode === "error" || this.failing.has(watcher.name)) {
      if (watcher.last === undefined) watcher.onError(FAILURE());
      watcher.last = "error";
      return;
    }
    try {
      const value = this.backend.query(watcher.name, watcher.args);
      const serialized = JSON.stringify(value);
      if (serialized === watcher.last) return;
      watcher.last = serialized;
      // A copy, as a fresh result from the wire would be: elements must not see the backend's own objects.
      watcher.onValue(JSON.parse(serialized) as unknown);
    } catch (error) {
      watcher.onError(error as Error);
    }
  }

  /** After a write, every open query runs again (once per burst of writes), like Convex's reactive queries. */
  private rerun(): void {
    if (this.rerunQueued || !this.answers() || this.mode === "reconnecting") return;
    this.rerunQueued = true;
    this.after(this.latencyMs, () => {
      this.rerunQueued = false;
      for (const watcher of [...this.watchers]) this.deliver(watcher);
    });
  }

  private after(ms: number, step: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) step();
    }, ms);
    this.timers.add(timer);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }
}
