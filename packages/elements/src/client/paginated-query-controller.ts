import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { FunctionArgs, FunctionReference, PaginationResult } from "convex/server";
import { SKIP } from "./query-controller.js";
import type { StudioClient } from "./studio-client.js";

/** A paginated query: its args include `paginationOpts` and it answers a `PaginationResult`. */
type PaginatedQuery = FunctionReference<
  "query",
  "public",
  { paginationOpts: { numItems: number; cursor: string | null } }
>;

/** A paginated query's own arguments, without `paginationOpts` (the controller adds it). */
export type PageArgs<Q extends PaginatedQuery> = Omit<FunctionArgs<Q>, "paginationOpts">;

type ItemOf<Q extends PaginatedQuery> = Q["_returnType"] extends PaginationResult<infer T> | null ? T : never;

interface LivePage<T> {
  cursor: string | null;
  result: PaginationResult<T> | undefined;
  unsubscribe: () => void;
}

/**
 * A live paginated query, page by page, as Convex's `usePaginatedQuery` does it without
 * the client's paginated layer (which `pixorly.js` leaves out for size): every loaded page
 * stays subscribed, each next page starts at the previous one's `continueCursor`, and the
 * backend keeps a page's end where it first was (the query journal), so an image added at
 * the top grows the first page instead of shifting every page after it.
 */
export class PaginatedQueryController<Q extends PaginatedQuery> implements ReactiveController {
  private loaded: ItemOf<Q>[] = [];
  private failure: Error | undefined = undefined;
  private pages: LivePage<ItemOf<Q>>[] = [];
  private key: string | null = null;
  private client: StudioClient | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getClient: () => StudioClient | undefined,
    private readonly query: Q,
    private readonly args: () => PageArgs<Q> | typeof SKIP,
    private readonly pageSize: () => number = () => 60,
  ) {
    host.addController(this);
  }

  // As in QueryController: Lit runs the host's `willUpdate()` before the controllers'
  // `hostUpdate()`, where the pages follow new arguments. Read in between (or by a scroll handler
  // asking for more), the old arguments' pages would pass for the new ones': the getters answer
  // "loading, nothing yet" as soon as the client or the arguments differ from what is subscribed.

  /** Every loaded item for the current client and arguments, in order, each once. */
  get items(): ItemOf<Q>[] {
    return this.isCurrent() ? this.loaded : [];
  }

  get error(): Error | undefined {
    return this.isCurrent() ? this.failure : undefined;
  }

  /** True until the first page answers (or fails); false while the arguments say skip. */
  get loading(): boolean {
    if (!this.isCurrent()) return this.keyOf() !== null;
    return this.key !== null && !this.failure && this.pages[0]?.result === undefined;
  }

  /** True while a page after the first is on its way. */
  get loadingMore(): boolean {
    return this.isCurrent() && this.pages.length > 1 && this.pages.at(-1)!.result === undefined;
  }

  /** True once the last page says there is nothing after it. */
  get isDone(): boolean {
    return this.isCurrent() && (this.pages.at(-1)?.result?.isDone ?? false);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.reset(null);
    this.client = undefined;
  }

  /** Subscribes to the next page, unless one is loading or there is none. */
  loadMore(): void {
    const last = this.pages.at(-1);
    if (!this.isCurrent() || !last?.result || last.result.isDone || this.failure) return;
    this.subscribe(last.result.continueCursor);
  }

  private sync(): void {
    const client = this.getClient();
    const key = this.keyOf();
    if (client === this.client && key === this.key) return;
    this.client = client;
    this.reset(key);
    if (client && key !== null) this.subscribe(null);
  }

  private reset(key: string | null): void {
    for (const page of this.pages) page.unsubscribe();
    this.pages = [];
    this.loaded = [];
    this.failure = undefined;
    this.key = key;
  }

  private keyOf(): string | null {
    const args = this.args();
    return args === SKIP ? null : JSON.stringify([args, this.pageSize()]);
  }

  /** Whether what is subscribed is what the host asks for now. */
  private isCurrent(): boolean {
    return this.getClient() === this.client && this.keyOf() === this.key;
  }

  private subscribe(cursor: string | null): void {
    const client = this.client;
    const args = this.args();
    if (!client || args === SKIP) return;
    const key = this.key;
    const page: LivePage<ItemOf<Q>> = { cursor, result: undefined, unsubscribe: () => {} };
    this.pages.push(page);
    page.unsubscribe = client.watch(
      this.query,
      { ...args, paginationOpts: { numItems: this.pageSize(), cursor } } as FunctionArgs<Q>,
      (value) => {
        if (this.key !== key) return;
        page.result = (value ?? { page: [], isDone: true, continueCursor: "" }) as PaginationResult<ItemOf<Q>>;
        this.loaded = this.collect();
        this.host.requestUpdate();
      },
      (error) => {
        if (this.key !== key) return;
        this.failure = error;
        this.host.requestUpdate();
      },
    );
  }

  /** The pages' items in order; an item seen on an earlier page is not repeated (pages can overlap for a moment while they re-run). */
  private collect(): ItemOf<Q>[] {
    const seen = new Set<string>();
    const items: ItemOf<Q>[] = [];
    for (const page of this.pages) {
      for (const item of page.result?.page ?? []) {
        const id = (item as { _id: string })._id;
        if (seen.has(id)) continue;
        seen.add(id);
        items.push(item);
      }
    }
    return items;
  }
}
