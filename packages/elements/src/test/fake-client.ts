/**
 * A stand-in for `PixorlyClient` in component tests: results are set by the test,
 * mutations are recorded and answered by handlers, and it is provided to the
 * element under test through the real `clientContext`.
 */
import { ContextProvider } from "@lit/context";
import { getFunctionName, type FunctionArgs, type FunctionReference, type FunctionReturnType } from "convex/server";
import type { AuthState } from "../client/auth-session.js";
import { clientContext } from "../client/client-context.js";
import type { ConnectionStatus } from "../client/connection.js";
import { DownloadUnsupportedError, type DownloadLink } from "../client/downloads.js";
import type { UploadedInput } from "@pixorly/core";
import type { UploadInputOptions } from "../client/input-uploads.js";
import type { ImageTransform, SignedUrl } from "../client/signed-urls.js";
import type { StudioClient } from "../client/studio-client.js";
import { loadWorkspace } from "../studio/load-workspace.js";

// Studios remember their settings in localStorage (studio/settings-memory.ts), which every test page of
// the run shares: each test starts without them, whichever file ran before.
beforeEach(() => {
  for (const key of Object.keys(localStorage)) if (key.startsWith("pixorly:settings:")) localStorage.removeItem(key);
});
// A studio defines its workspace elements from a chunk after its first paint (studio/load-workspace.ts);
// tests that mount one get them defined up front, so no test races that import on a loaded machine.
before(() => loadWorkspace());

type AnyQuery = FunctionReference<"query">;
type AnyMutation = FunctionReference<"mutation">;

interface Watcher {
  key: string;
  onValue: (value: unknown) => void;
  onError: (error: Error) => void;
}

const keyOf = (ref: FunctionReference<"query" | "mutation">, args: unknown) =>
  `${getFunctionName(ref)}|${JSON.stringify(args)}`;

export class FakeClient implements StudioClient {
  connection: ConnectionStatus = "connected";
  retryAt: number | null = null;
  whiteLabel = false;
  apiProblem: "api-unreachable" | "origin" | null = null;
  authState: AuthState = "signed-in";
  authMessage = "";
  readonly mutations: { name: string; args: unknown }[] = [];
  /** Signed URL per image id; absent ids resolve to null (not readable). */
  readonly urls = new Map<string, string>();
  /** URLs of resized variants (requests with a transform) per image id; `urls` when absent. */
  readonly resizedUrls = new Map<string, string>();

  private readonly results = new Map<string, { value?: unknown; error?: Error }>();
  private readonly watchers = new Set<Watcher>();
  private readonly handlers = new Map<string, (args: unknown) => unknown>();
  private readonly listeners = new Set<() => void>();

  /** Sets (and pushes to subscribers) the result of `query` with `args`. */
  setResult<Q extends AnyQuery>(query: Q, args: FunctionArgs<Q>, value: FunctionReturnType<Q>): void {
    const key = keyOf(query, args);
    this.results.set(key, { value });
    for (const w of this.watchers) if (w.key === key) w.onValue(value);
  }

  /** Makes `query` with `args` fail for its subscribers. */
  setError<Q extends AnyQuery>(query: Q, args: FunctionArgs<Q>, error: Error): void {
    const key = keyOf(query, args);
    this.results.set(key, { error });
    for (const w of this.watchers) if (w.key === key) w.onError(error);
  }

  /** Answers calls of `mutation` (a thrown error rejects the call). */
  onMutation<M extends AnyMutation>(mutation: M, handler: (args: FunctionArgs<M>) => FunctionReturnType<M>): void {
    this.handlers.set(getFunctionName(mutation), handler as (args: unknown) => unknown);
  }

  setState(
    state: Partial<Pick<FakeClient, "connection" | "retryAt" | "authState" | "authMessage" | "apiProblem">>,
  ): void {
    Object.assign(this, state);
    for (const listener of this.listeners) listener();
  }

  /** Subscriptions currently open, by function name. */
  activeWatches(name?: string): number {
    return [...this.watchers].filter((w) => !name || w.key.startsWith(`${name}|`)).length;
  }

  onStateChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watch<Q extends AnyQuery>(
    query: Q,
    args: FunctionArgs<Q>,
    onValue: (value: FunctionReturnType<Q>) => void,
    onError: (error: Error) => void,
  ): () => void {
    const watcher: Watcher = { key: keyOf(query, args), onValue: onValue as (v: unknown) => void, onError };
    this.watchers.add(watcher);
    const known = this.results.get(watcher.key);
    // Like ConvexClient: a known result arrives asynchronously, never inside watch().
    if (known) {
      queueMicrotask(() => {
        if (!this.watchers.has(watcher)) return;
        if (known.error) onError(known.error);
        else onValue(known.value as FunctionReturnType<Q>);
      });
    }
    return () => this.watchers.delete(watcher);
  }

  async mutation<M extends AnyMutation>(mutation: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>> {
    const name = getFunctionName(mutation);
    this.mutations.push({ name, args });
    const handler = this.handlers.get(name);
    return (handler ? handler(args) : null) as FunctionReturnType<M>;
  }

  /** Holds every signed-URL answer until `releaseUrls()` (to see what shows meanwhile). */
  holdUrls(): void {
    this.held ??= new Promise((resolve) => (this.release = resolve));
  }

  releaseUrls(): void {
    this.release?.();
    this.held = undefined;
  }

  /** Every signed-URL request, in order (to check the transforms asked for). */
  readonly urlRequests: { imageId: string; transform: ImageTransform }[] = [];

  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  async signedUrl(imageId: string, transform: ImageTransform = {}): Promise<SignedUrl | null> {
    this.urlRequests.push({ imageId, transform });
    await this.held;
    const resized = Object.keys(transform).length > 0 ? this.resizedUrls.get(imageId) : undefined;
    const url = resized ?? this.urls.get(imageId);
    return url ? { id: imageId, url, expiresAt: Date.now() + 3_600_000 } : null;
  }

  /** Image ids whose cached URLs were dropped (`forgetSignedUrl`), in order. */
  readonly forgotten: string[] = [];

  forgetSignedUrl(imageId: string): void {
    this.forgotten.push(imageId);
  }

  cachedSignedUrl(): SignedUrl | undefined {
    return undefined;
  }

  /** False: the edge API has no download variant (`downloadUrl` throws `DownloadUnsupportedError`). */
  downloadsSupported = true;
  /** Every download-link request, in order. */
  readonly downloadRequests: { imageId: string; transform: ImageTransform }[] = [];
  /** Every ZIP request, in order. */
  readonly zipRequests: { imageIds: string[]; transform: ImageTransform }[] = [];
  /** Answers ZIP requests (default: a link named after the count). */
  zipHandler: (imageIds: readonly string[]) => DownloadLink = (ids) => ({
    url: `https://cdn.test/zip/${ids.length}?sig=1`,
    expiresAt: Date.now() + 300_000,
    filename: `pixorly-${ids.length}-images.zip`,
  });

  async downloadUrl(
    imageId: string,
    transform: ImageTransform = {},
  ): Promise<{ url: string; expiresAt: number } | null> {
    this.downloadRequests.push({ imageId, transform });
    if (!this.downloadsSupported) throw new DownloadUnsupportedError();
    const url = this.urls.get(imageId);
    return url
      ? {
          url: `https://cdn.test/download/${imageId}?${new URLSearchParams(transform as Record<string, string>)}`,
          expiresAt: Date.now() + 300_000,
        }
      : null;
  }

  async zipUrl(imageIds: readonly string[], transform: ImageTransform = {}): Promise<DownloadLink> {
    this.zipRequests.push({ imageIds: [...imageIds], transform });
    return this.zipHandler(imageIds);
  }

  /** Every upload, in order (`uploadInput`). */
  readonly uploads: { file: Blob; kind: string }[] = [];
  /** Answers uploads (default: accepted as `input-<n>`, progress reported at half and at the end). */
  uploadHandler: (file: Blob, options: UploadInputOptions) => Promise<UploadedInput> = async (file, options) => {
    options.onProgress?.(0.5);
    options.onProgress?.(1);
    return {
      inputId: `input-${this.uploads.length}`,
      kind: options.kind ?? "image",
      width: 64,
      height: 32,
      format: "png",
      bytes: file.size,
    };
  };

  uploadInput(file: Blob, options: UploadInputOptions = {}): Promise<UploadedInput> {
    this.uploads.push({ file, kind: options.kind ?? "image" });
    return this.uploadHandler(file, options);
  }
}

/** Provides `client` through `clientContext` to everything inside `host` (a plain wrapper element). */
export function provideClient(
  host: HTMLElement,
  client: StudioClient | undefined,
): ContextProvider<typeof clientContext> {
  return new ContextProvider(host, { context: clientContext, initialValue: client });
}
