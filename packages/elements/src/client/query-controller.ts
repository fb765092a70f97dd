import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import type { StudioClient } from "./studio-client.js";

/** Returned by an args function to leave the query unsubscribed (e.g. no job id yet). */
export const SKIP = Symbol("skip");

/**
 * A live Convex query bound to an element's lifecycle: subscribes while the host is
 * connected, re-subscribes when the client or the arguments change, and unsubscribes
 * on disconnect. The host re-renders on every new result.
 */
export class QueryController<Q extends FunctionReference<"query">> implements ReactiveController {
  /** When the latest result arrived (`performance.now()`), for latency measurements. */
  receivedAt = 0;

  private result: FunctionReturnType<Q> | undefined = undefined;
  private failure: Error | undefined = undefined;
  private waiting = true;
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

  // Lit runs the host's `willUpdate()` BEFORE the controllers' `hostUpdate()`, where the
  // subscription follows new arguments. Read in between (a job card whose `jobId` just changed
  // computing its status), the old arguments' result would pass for the new one's: the card
  // showed the previous job's status over an empty headline. So the getters answer "loading"
  // as soon as the client or the arguments differ from what is subscribed.

  /** The latest result for the current client and arguments; undefined until it arrives. */
  get value(): FunctionReturnType<Q> | undefined {
    return this.isCurrent() ? this.result : undefined;
  }

  get error(): Error | undefined {
    return this.isCurrent() ? this.failure : undefined;
  }

  /** True until the first result or error for the current arguments (false while they say skip). */
  get loading(): boolean {
    return this.isCurrent() ? this.waiting : this.keyOf(this.args()) !== null;
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
    const key = this.keyOf(args);
    if (client === this.subscribedClient && key === this.subscribedKey) return;
    this.stop();
    this.subscribedClient = client;
    this.subscribedKey = key;
    this.result = undefined;
    this.failure = undefined;
    this.waiting = key !== null;
    if (!client || args === SKIP) return;
    this.unsubscribe = client.watch(
      this.query,
      args,
      (value) => {
        if (this.subscribedKey !== key) return;
        this.result = value;
        this.failure = undefined;
        this.waiting = false;
        this.receivedAt = performance.now();
        this.host.requestUpdate();
      },
      (error) => {
        if (this.subscribedKey !== key) return;
        this.failure = error;
        this.waiting = false;
        this.host.requestUpdate();
      },
    );
  }

  private keyOf(args: FunctionArgs<Q> | typeof SKIP): string | null {
    return args === SKIP ? null : JSON.stringify(args);
  }

  /** Whether what is subscribed is what the host asks for now. */
  private isCurrent(): boolean {
    return this.getClient() === this.subscribedClient && this.keyOf(this.args()) === this.subscribedKey;
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
