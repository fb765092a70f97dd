import { ConvexClient } from 'convex/browser';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';
import { AuthSession, type AuthSessionOptions, type AuthState } from './auth-session.js';
import { connectionStatus, type ConnectionStatus } from './connection.js';
import { SignedUrlService, type ImageTransform, type SignedUrl } from './signed-urls.js';
import type { StudioClient } from './studio-client.js';
import type { TokenProvider } from './token.js';

export interface PixorlyClientOptions {
  /** The Convex deployment (or convex-local), e.g. `http://127.0.0.1:3210`. */
  convexUrl: string;
  /** The edge API, e.g. `http://127.0.0.1:8787`. */
  apiUrl: string;
  tokenProvider: TokenProvider;
  auth?: AuthSessionOptions;
  fetch?: typeof fetch;
}

/**
 * One studio's connection: a single `ConvexClient` authenticated through an
 * `AuthSession`, the signed-URL service of the edge API, and the connection
 * status derived from the Convex client.
 */
export class PixorlyClient implements StudioClient {
  readonly convex: ConvexClient;
  readonly auth: AuthSession;
  readonly urls: SignedUrlService;
  connection: ConnectionStatus = 'connecting';

  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];

  /** Throws when `convexUrl` is not a usable URL (the studio checks it first to explain why). */
  constructor(readonly options: PixorlyClientOptions) {
    this.auth = new AuthSession(options.tokenProvider, options.auth);
    this.convex = new ConvexClient(options.convexUrl, {
      unsavedChangesWarning: false,
      // Partner pages should not get our reconnect chatter in their console.
      logger: false,
    });
    this.urls = new SignedUrlService({
      apiUrl: options.apiUrl,
      getToken: () => this.auth.token(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.convex.setAuth(
      ({ forceRefreshToken }) => this.auth.token(forceRefreshToken),
      (accepted) => this.auth.serverVerdict(accepted),
    );
    this.cleanups.push(this.auth.onChange(() => this.notify()));
    this.cleanups.push(this.convex.subscribeToConnectionState(() => this.updateConnection()));
    if (typeof window !== 'undefined') {
      const update = () => this.updateConnection();
      window.addEventListener('online', update);
      window.addEventListener('offline', update);
      this.cleanups.push(() => {
        window.removeEventListener('online', update);
        window.removeEventListener('offline', update);
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

  onStateChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watch<Q extends FunctionReference<'query'>>(
    query: Q,
    args: FunctionArgs<Q>,
    onValue: (value: FunctionReturnType<Q>) => void,
    onError: (error: Error) => void,
  ): () => void {
    return this.convex.onUpdate(query, args, onValue, onError);
  }

  mutation<M extends FunctionReference<'mutation'>>(mutation: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>> {
    return this.convex.mutation(mutation, args) as Promise<FunctionReturnType<M>>;
  }

  signedUrl(imageId: string, transform?: ImageTransform): Promise<SignedUrl | null> {
    return this.urls.get(imageId, transform);
  }

  cachedSignedUrl(imageId: string, transform?: ImageTransform): SignedUrl | undefined {
    return this.urls.peek(imageId, transform);
  }

  /** Closes the socket and stops every listener. */
  async close(): Promise<void> {
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.listeners.clear();
    await this.convex.close();
  }

  private updateConnection(): void {
    const online = typeof navigator === 'undefined' || navigator.onLine !== false;
    const next = connectionStatus(this.convex.connectionState(), online);
    if (next === this.connection) return;
    this.connection = next;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
