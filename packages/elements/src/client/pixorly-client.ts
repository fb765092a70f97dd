import { EMBED_WHITE_LABEL_CLAIM, type UploadedInput } from "@pixorly/core";
import { BaseConvexClient, type QueryToken } from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { functionName } from "./api.js";
import { AuthSession, type AuthSessionOptions, type AuthState } from "./auth-session.js";
import { connectionStatus, reconnectDelayFromLog, type ConnectionStatus } from "./connection.js";
import { DownloadService, type DownloadLink } from "./downloads.js";
import { uploadInput, type UploadInputOptions } from "./input-uploads.js";
import { SignedUrlService, type ImageTransform, type SignedUrl } from "./signed-urls.js";
import type { StudioClient } from "./studio-client.js";
import type { TokenProvider } from "./token.js";

export interface PixorlyClientOptions {
  /** The Convex deployment (or convex-local), e.g. `http://127.0.0.1:3210`. */
  convexUrl: string;
  /** The edge API, e.g. `http://127.0.0.1:8787`. */
  apiUrl: string;
  tokenProvider: TokenProvider;
  auth?: AuthSessionOptions;
  fetch?: typeof fetch;
}

/** One `watch()` call: where its results and errors go. */
interface QueryListener {
  onValue: (value: never) => void;
  onError: (error: Error) => void;
  /** Whether it has had a result or error (the catch-up below must not repeat a transition's). */
  delivered: boolean;
}

/** The watchers of one subscribed query (one query token: name + args). */
interface WatchedQuery {
  name: string;
  args: Record<string, unknown>;
  listeners: Set<QueryListener>;
}

/**
 * One studio's connection: a single Convex client authenticated through an
 * `AuthSession`, the signed-URL service of the edge API, and the connection
 * status derived from the Convex client.
 *
 * The Convex client is the official one's core, `BaseConvexClient` (the sync protocol,
 * socket, auth and reconnects that `ConvexClient` wraps), so the elements still run on the
 * official `convex` client. `ConvexClient` itself always constructs its paginated-query
 * layer (~4.7 KB minified, unused here), which put `pixorly.js` over its 60 KB budget; the
 * little it adds on top — fanning results out to callbacks — is `watch()` and `deliver()` below.
 */
export class PixorlyClient implements StudioClient {
  readonly convex: BaseConvexClient;
  readonly auth: AuthSession;
  readonly urls: SignedUrlService;
  readonly downloads: DownloadService;
  connection: ConnectionStatus = "connecting";
  apiProblem: "api-unreachable" | "origin" | null = null;
  private preflighted = false;
  /** When the Convex client tries to reconnect next (ms since the epoch), while `connection` is `reconnecting`. */
  retryAt: number | null = null;

  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private readonly queries = new Map<QueryToken, WatchedQuery>();
  private closed = false;

  /** Throws when `convexUrl` is not a usable URL (the studio checks it first to explain why). */
  constructor(readonly options: PixorlyClientOptions) {
    this.auth = new AuthSession(options.tokenProvider, options.auth);
    this.convex = new BaseConvexClient(options.convexUrl, (changed) => this.deliver(changed), {
      unsavedChangesWarning: false,
      // Partner pages should not get our reconnect chatter in their console; the one line we
      // need (when the next reconnect is due) is read here and shown by the studio instead.
      logger: {
        logVerbose: () => {},
        log: (...args: unknown[]) => this.onConvexLog(args),
        warn: () => {},
        error: () => {},
      },
      // Without it the client asks the provider for a second token as soon as the server accepts
      // the first (it assumes the first came from a cache): the token URL was fetched twice on
      // every load. With it the next fetch is scheduled shortly before `exp`: one per lifetime.
      initialAuthTokenReuse: true,
    });
    this.urls = new SignedUrlService({
      apiUrl: options.apiUrl,
      getToken: () => this.auth.token(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.downloads = new DownloadService({
      apiUrl: options.apiUrl,
      getToken: () => this.auth.token(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.convex.setAuth(
      ({ forceRefreshToken }) => this.auth.token(forceRefreshToken),
      (accepted) => this.auth.serverVerdict(accepted),
    );
    this.cleanups.push(
      this.auth.onChange(() => {
        if (this.auth.state === "signed-in" && !this.preflighted) this.checkApi();
        this.notify();
      }),
    );
    this.cleanups.push(this.convex.subscribeToConnectionState(() => this.updateConnection()));
    if (typeof window !== "undefined") {
      const update = () => this.updateConnection();
      window.addEventListener("online", update);
      window.addEventListener("offline", update);
      this.cleanups.push(() => {
        window.removeEventListener("online", update);
        window.removeEventListener("offline", update);
      });
    }
    this.updateConnection();
  }

  get authState(): AuthState {
    return this.auth.state;
  }

  get authMessage(): string {
    return this.auth.message;
  }

  get whiteLabel(): boolean {
    return this.auth.claim(EMBED_WHITE_LABEL_CLAIM) === true;
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
    const name = functionName(query);
    const { queryToken, unsubscribe } = this.convex.subscribe(name, args);
    let watched = this.queries.get(queryToken);
    if (!watched) {
      watched = { name, args, listeners: new Set() };
      this.queries.set(queryToken, watched);
    }
    const listener: QueryListener = { onValue: onValue as (value: never) => void, onError, delivered: false };
    watched.listeners.add(listener);
    // Another watcher may already have this query's result in memory; no transition will
    // announce it again, so it is handed over now — after the caller has returned, as
    // `ConvexClient.onUpdate` does.
    queueMicrotask(() => {
      if (watched.listeners.has(listener) && !listener.delivered) this.deliverTo([listener], watched);
    });
    return () => {
      if (!watched.listeners.delete(listener)) return;
      if (watched.listeners.size === 0) this.queries.delete(queryToken);
      if (!this.closed) unsubscribe();
    };
  }

  mutation<M extends FunctionReference<"mutation">>(
    mutation: M,
    args: FunctionArgs<M>,
  ): Promise<FunctionReturnType<M>> {
    return this.convex.mutation(functionName(mutation), args) as Promise<FunctionReturnType<M>>;
  }

  signedUrl(imageId: string, transform?: ImageTransform): Promise<SignedUrl | null> {
    return this.urls.get(imageId, transform);
  }

  forgetSignedUrl(imageId: string): void {
    this.urls.forget(imageId);
  }

  cachedSignedUrl(imageId: string, transform?: ImageTransform): SignedUrl | undefined {
    return this.urls.peek(imageId, transform);
  }

  downloadUrl(imageId: string, transform?: ImageTransform): Promise<{ url: string; expiresAt: number } | null> {
    return this.downloads.imageUrl(imageId, transform);
  }

  zipUrl(imageIds: readonly string[], transform?: ImageTransform): Promise<DownloadLink> {
    return this.downloads.zipUrl(imageIds, transform);
  }

  async uploadInput(file: Blob, options?: UploadInputOptions): Promise<UploadedInput> {
    return uploadInput(this.options.apiUrl, await this.auth.token(), file, options);
  }

  /** Closes the socket and stops every listener. */
  async close(): Promise<void> {
    this.closed = true;
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.listeners.clear();
    this.queries.clear();
    await this.convex.close();
  }

  private checkApi(): void {
    this.preflighted = true;
    void this.urls.preflight().then((problem) => {
      if (this.closed || problem === this.apiProblem) return;
      this.apiProblem = problem;
      this.notify();
    });
  }

  private onConvexLog(args: unknown[]): void {
    const delay = reconnectDelayFromLog(args);
    if (delay === null) return;
    this.retryAt = Date.now() + delay;
    this.notify();
  }

  private updateConnection(): void {
    const online = typeof navigator === "undefined" || navigator.onLine !== false;
    const next = connectionStatus(this.convex.connectionState(), online);
    if (next !== "reconnecting") this.retryAt = null;
    if (next === this.connection) return;
    this.connection = next;
    this.notify();
  }

  /** The Convex client's transition callback: new results (or errors) for these queries. */
  private deliver(changed: QueryToken[]): void {
    for (const token of changed) {
      const watched = this.queries.get(token);
      if (watched) this.deliverTo([...watched.listeners], watched);
    }
  }

  /** Hands the query's current result to `listeners`; a failed query's error goes to `onError`. */
  private deliverTo(listeners: QueryListener[], watched: WatchedQuery): void {
    let value: unknown;
    try {
      value = this.convex.localQueryResult(watched.name, watched.args as never);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const listener of listeners) {
        listener.delivered = true;
        listener.onError(failure);
      }
      return;
    }
    // No result yet (a query never returns undefined: Convex sends it as null).
    if (value === undefined) return;
    for (const listener of listeners) {
      listener.delivered = true;
      listener.onValue(value as never);
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
