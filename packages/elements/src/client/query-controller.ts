import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';
import type { StudioClient } from './studio-client.js';

/** Returned by an args function to leave the query unsubscribed (e.g. no job id yet). */
export const SKIP = Symbol('skip');

/**
 * A live Convex query bound to an element's lifecycle: subscribes while the host is
 * connected, re-subscribes when the client or the arguments change, and unsubscribes
 * on disconnect. The host re-renders on every new result.
 */
export class QueryController<Q extends FunctionReference<'query'>> implements ReactiveController {
  /** The latest result; undefined until the first one arrives. */
  value: FunctionReturnType<Q> | undefined = undefined;
  error: Error | undefined = undefined;
  /** True until the first result or error for the current arguments. */
  loading = true;
  /** When the latest result arrived (`performance.now()`), for latency measurements. */
  receivedAt = 0;

  private unsubscribe: (() => void) | null = null;
  private subscribedKey: string | null = null;
  private subscribedClient: StudioClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => StudioClient | undefined,
    private readonly query: Q,
    private readonly args: () => FunctionArgs<Q> | typeof SKIP,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
    this.subscribedKey = null;
    this.subscribedClient = undefined;
  }

  private sync(): void {
    const client = this.getClient();
    const args = this.args();
    const key = args === SKIP ? null : JSON.stringify(args);
    if (client === this.subscribedClient && key === this.subscribedKey) return;
    this.stop();
    this.subscribedClient = client;
    this.subscribedKey = key;
    this.value = undefined;
    this.error = undefined;
    this.loading = key !== null;
    if (!client || args === SKIP) return;
    this.unsubscribe = client.watch(
      this.query,
      args,
      (value) => {
        if (this.subscribedKey !== key) return;
        this.value = value;
        this.error = undefined;
        this.loading = false;
        this.receivedAt = performance.now();
        this.host.requestUpdate();
      },
      (error) => {
        if (this.subscribedKey !== key) return;
        this.error = error;
        this.loading = false;
        this.host.requestUpdate();
      },
    );
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
