/**
 * The WebSocket sync protocol that `ConvexClient` speaks
 * (node_modules/convex/src/browser/sync/protocol.ts): query sets with versions,
 * identity versions, mutations, actions and Transitions. After each commit only
 * the queries whose read tables were written are re-run, and only changed
 * results are pushed. Results are shared between connections that subscribe to
 * the same query as the same user at the same timestamp.
 */
import type { JSONValue } from "convex/values";
import type { WebSocket } from "ws";
import { AdminAuthError, checkAdmin } from "./admin-key.js";
import { AuthError, type UserIdentity } from "./auth.js";
import { CallError, type Engine, type QueryOutcome } from "./engine.js";
import {
  encodeStateVersion,
  encodeTs,
  parseClientMessage,
  ProtocolError,
  type Authenticate,
  type ClientMessage,
  type FunctionRequest,
  type ModifyQuerySet,
  type ServerMessage,
  type StateModification,
  type StateVersion,
} from "./protocol.js";

const PING_INTERVAL_MS = 15_000;
/** One connection may hold this many subscriptions; more closes it (each one costs every commit a check). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 2000;
export const ALL_TABLES = "*";

type Subscription = {
  udfPath: string;
  args: JSONValue;
  /** JSON of [udfPath, args], computed once: part of the shared-result key. */
  callKey: string;
  journal: (string | null)[];
  reads: Set<string>;
  /** Serialized last result sent, to push only changes. */
  last: string | null;
  dirty: boolean;
};

/** A modification before its query id is known (results are shared between connections). */
type Modification = StateModification extends infer M
  ? M extends { queryId: number }
    ? Omit<M, "queryId">
    : never
  : never;

/** A query's outcome with its value serialized once, however many connections send it. */
export type SharedResult = { result: QueryOutcome | CallError; serialized: string };

/** Query results per (timestamp, function, args, identity, journal), shared by all connections. */
export class QueryResultCache {
  private ts = -1n;
  private results = new Map<string, Promise<SharedResult>>();
  constructor(private engine: Engine) {}

  /** `key` names (function, args, identity, journal, publicOnly); the caller builds it (see SyncSession). */
  run(
    key: string,
    udfPath: string,
    args: JSONValue,
    identity: UserIdentity | null,
    journal: (string | null)[],
    publicOnly = true,
  ) {
    const ts = this.engine.store.currentTs();
    if (ts !== this.ts) {
      this.ts = ts;
      this.results.clear();
    }
    let result = this.results.get(key);
    if (!result) {
      result = this.engine.runQuery(udfPath, args, identity, { publicOnly, journal }).then(
        (outcome): SharedResult => ({ result: outcome, serialized: JSON.stringify(outcome.value) }),
        (e): SharedResult => {
          if (!(e instanceof CallError)) throw e;
          return { result: e, serialized: JSON.stringify([e.client.message, e.client.data ?? null]) };
        },
      );
      this.results.set(key, result);
    }
    return result;
  }
}

export class SyncSession {
  /**
   * The state the client has been sent (query set, identity, timestamp): the next Transition starts here.
   * The query-set and identity versions move when a ModifyQuerySet / Authenticate is applied; `ts` when
   * the Transition carrying them goes out.
   */
  private version: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private identity: UserIdentity | null = null;
  /** Authenticated with the admin key (the CLI's `run --watch`, `data`): internal functions too. */
  private admin = false;
  private subs = new Map<number, Subscription>();
  private queue: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  private minTs = 0n;
  /**
   * A MutationResponse went out and no Transition since: the client resolves the mutation only on
   * a transition that arrives AFTER its answer. `minTs > version.ts` alone missed the case where a
   * query-set change queued before the answer was already stamped with the mutation's commit (the
   * mutation runs at once, its answer waits its turn): the client then waited for the next commit.
   */
  private transitionOwed = false;
  private expiryTimer: NodeJS.Timeout | null = null;
  /** Authenticate messages queued or running: mutations behind them wait for the new identity. */
  private authPending = 0;
  private pingTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private ws: WebSocket,
    private engine: Engine,
    private cache: QueryResultCache,
  ) {
    ws.on("message", (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    ws.on("close", () => this.close());
    ws.on("error", () => this.close());
    this.pingTimer = setInterval(() => this.send({ type: "Ping" }), PING_INTERVAL_MS);
  }

  close() {
    this.closed = true;
    clearInterval(this.pingTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
  }

  private send(msg: ServerMessage) {
    if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private fatal(error: string) {
    this.engine.log(`sync: closing a connection: ${error}`);
    this.send({ type: "FatalError", error });
    this.close();
    this.ws.close(1008, error.slice(0, 120));
  }

  /** Runs protocol steps one at a time so versions chain correctly. */
  private enqueue(step: () => Promise<void>) {
    this.queue = this.queue.then(step).catch((e) => {
      if (e instanceof ProtocolError) this.fatal(e.message);
      else this.fatal(`Internal error: ${(e as Error).message}`);
    });
  }

  private onMessage(raw: string | null) {
    if (this.closed) return;
    let msg: ClientMessage;
    try {
      msg = parseClientMessage(raw);
    } catch (e) {
      this.fatal((e as Error).message);
      return;
    }
    switch (msg.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        return this.enqueue(() => this.modifyQuerySet(msg));
      case "Authenticate":
        this.authPending++;
        return this.enqueue(() => this.authenticate(msg).finally(() => this.authPending--));
      case "Mutation":
        return this.submitMutation(msg);
      case "Action":
        // Behind a pending Authenticate an action starts once the new identity is in place (as on Convex, where
        // the studio's first call may be an action sent right after setAuth); it does not hold the queue while it runs.
        if (this.authPending > 0) return this.enqueue(async () => void this.action(msg));
        void this.action(msg);
        return;
    }
  }

  /** JSON of the identity and admin flag, computed when they change: part of the shared-result key. */
  private identityKey = "null|false";

  private async runSubscription(sub: Subscription): Promise<{ mod: Modification; serialized: string }> {
    const key = `${sub.callKey}\u0000${this.identityKey}\u0000${sub.journal.length ? JSON.stringify(sub.journal) : ""}`;
    const { result, serialized } = await this.cache.run(
      key,
      sub.udfPath,
      sub.args,
      this.identity,
      sub.journal,
      !this.admin,
    );
    if (result instanceof CallError) {
      sub.reads = new Set([ALL_TABLES]);
      const mod: Modification = {
        type: "QueryFailed",
        errorMessage: result.client.message,
        errorData: result.client.data as JSONValue | undefined,
        logLines: result.logLines,
        journal: null,
      };
      return { mod, serialized };
    }
    sub.reads = result.reads;
    sub.journal = result.journal;
    const mod: Modification = {
      type: "QueryUpdated",
      value: result.value as JSONValue,
      logLines: result.logLines,
      journal: result.journal.length ? JSON.stringify(result.journal) : null,
    };
    return { mod, serialized };
  }

  /**
   * Sends the client from `start` (its query-set and identity versions before this step; the timestamp it
   * last saw) to the current version at the store's timestamp (never older than one already sent).
   */
  private transition(modifications: StateModification[], start: Omit<StateVersion, "ts">) {
    const now = this.engine.store.currentTs();
    const startVersion = { ...start, ts: this.version.ts };
    if (now > this.version.ts) this.version.ts = now;
    this.send({
      type: "Transition",
      startVersion: encodeStateVersion(startVersion),
      endVersion: encodeStateVersion(this.version),
      modifications,
    });
    this.transitionOwed = false;
  }

  /** The query-set and identity versions now, to start a Transition from. */
  private versionsNow(): Omit<StateVersion, "ts"> {
    return { querySet: this.version.querySet, identity: this.version.identity };
  }

  private parseJournal(journal: unknown): (string | null)[] {
    if (typeof journal !== "string") return [];
    try {
      const parsed = JSON.parse(journal);
      return Array.isArray(parsed) && parsed.every((c) => c === null || typeof c === "string") ? parsed : [];
    } catch {
      return [];
    }
  }

  private async modifyQuerySet(msg: ModifyQuerySet) {
    if (msg.baseVersion !== this.version.querySet) {
      throw new ProtocolError(
        `Malformed ModifyQuerySet: base version ${msg.baseVersion} does not match ${this.version.querySet}`,
      );
    }
    const start = this.versionsNow();
    const mods: StateModification[] = [];
    for (const m of msg.modifications) {
      if (m.type === "Add") {
        if (!this.subs.has(m.queryId) && this.subs.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          throw new ProtocolError(
            `Too many subscriptions on one connection (the limit is ${MAX_SUBSCRIPTIONS_PER_CONNECTION})`,
          );
        }
        const sub: Subscription = {
          udfPath: m.udfPath,
          args: m.args[0] ?? {},
          callKey: JSON.stringify([m.udfPath, m.args[0] ?? {}]),
          journal: this.parseJournal(m.journal),
          reads: new Set(),
          last: null,
          dirty: false,
        };
        this.subs.set(m.queryId, sub);
        const { serialized, mod } = await this.runSubscription(sub);
        sub.last = serialized;
        mods.push({ ...mod, queryId: m.queryId });
      } else {
        this.subs.delete(m.queryId);
        mods.push({ type: "QueryRemoved", queryId: m.queryId });
      }
    }
    this.version.querySet = msg.newVersion;
    this.transition(mods, start);
  }

  private async rerunAll(): Promise<StateModification[]> {
    const mods: StateModification[] = [];
    for (const [queryId, sub] of this.subs) {
      sub.dirty = false;
      const { serialized, mod } = await this.runSubscription(sub);
      if (serialized !== sub.last) {
        sub.last = serialized;
        mods.push({ ...mod, queryId });
      }
    }
    return mods;
  }

  private async authenticate(msg: Authenticate) {
    if (msg.baseVersion !== this.version.identity) {
      throw new ProtocolError(
        `Malformed Authenticate: base version ${msg.baseVersion} does not match ${this.version.identity}`,
      );
    }
    let identity: UserIdentity | null = null;
    let expiresAt: number | null = null;
    let admin = false;
    if (msg.tokenType === "Admin") {
      try {
        ({ identity } = checkAdmin(this.engine.adminKey, msg.value, msg.impersonating));
        admin = true;
      } catch (e) {
        this.setIdentity(null, null);
        const error = e instanceof AdminAuthError ? e.message : "Could not verify the admin key";
        this.engine.log(`sync: AuthError: ${error}`);
        this.send({ type: "AuthError", error, baseVersion: msg.baseVersion, authUpdateAttempted: true });
        return;
      }
    } else if (msg.tokenType === "User") {
      try {
        ({ identity, expiresAt } = await this.engine.auth.verify(msg.value));
      } catch (e) {
        // As on Convex, a refused token leaves the connection unauthenticated: the previous identity
        // (and its expiry timer) must not outlive it.
        this.setIdentity(null, null);
        const error = e instanceof AuthError ? e.message : "Could not verify token claim";
        this.engine.log(`sync: AuthError: ${error}`);
        this.send({ type: "AuthError", error, baseVersion: msg.baseVersion, authUpdateAttempted: true });
        return;
      }
    } else if (msg.tokenType === "Unsupported") {
      this.setIdentity(null, null);
      this.send({
        type: "AuthError",
        error: `convex-local does not accept ${msg.name} tokens`,
        baseVersion: msg.baseVersion,
        authUpdateAttempted: true,
      });
      return;
    }
    const start = this.versionsNow();
    this.setIdentity(identity, expiresAt, admin);
    this.version.identity = msg.baseVersion + 1;
    for (const sub of this.subs.values()) sub.last = null;
    this.transition(await this.rerunAll(), start);
  }

  /** The identity and the expiry timer change together, so the timer always follows the current token. */
  private setIdentity(identity: UserIdentity | null, expiresAt: number | null, admin = false) {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.identity = identity;
    this.admin = admin;
    this.identityKey = `${JSON.stringify(identity)}|${admin}`;
    if (identity && expiresAt !== null) this.armExpiry(expiresAt);
  }

  private armExpiry(expiresAt: number) {
    const timer: NodeJS.Timeout = setTimeout(
      () => {
        if (this.expiryTimer !== timer) return; // a newer token replaced this one
        // At once, not in the queue: a mutation submitted from now on runs without the identity.
        this.setIdentity(null, null);
        this.enqueue(async () => {
          this.send({
            type: "AuthError",
            error: "Token expired",
            baseVersion: this.version.identity,
            authUpdateAttempted: false,
          });
        });
      },
      Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1),
    );
    this.expiryTimer = timer;
  }

  /**
   * Pipelined mutations reach the engine at once, in order, so they can share a group commit; their
   * answers still go out in order. Behind a pending Authenticate they wait, to run as the new identity.
   */
  private submitMutation(msg: FunctionRequest) {
    if (this.authPending > 0) return this.enqueue(() => this.mutation(msg));
    const started = this.engine.runMutation(msg.udfPath, msg.args[0], this.identity, { publicOnly: !this.admin });
    started.catch(() => {}); // handled in order below
    this.enqueue(() => this.mutation(msg, started));
  }

  private async mutation(msg: FunctionRequest, started?: ReturnType<Engine["runMutation"]>) {
    try {
      const out = await (started ??
        this.engine.runMutation(msg.udfPath, msg.args[0], this.identity, { publicOnly: !this.admin }));
      this.send({
        type: "MutationResponse",
        requestId: msg.requestId,
        success: true,
        result: out.value,
        ts: encodeTs(out.ts),
        logLines: out.logLines,
      });
      if (out.ts > this.minTs) this.minTs = out.ts;
      this.transitionOwed = true;
      this.scheduleRefresh();
    } catch (e) {
      if (!(e instanceof CallError)) throw e;
      this.send({
        type: "MutationResponse",
        requestId: msg.requestId,
        success: false,
        result: e.client.message,
        errorData: e.client.data,
        logLines: e.logLines,
      });
    }
  }

  private async action(msg: FunctionRequest) {
    try {
      const out = await this.engine.runAction(msg.udfPath, msg.args[0], this.identity, { publicOnly: !this.admin });
      this.send({
        type: "ActionResponse",
        requestId: msg.requestId,
        success: true,
        result: out.value,
        logLines: out.logLines,
      });
    } catch (e) {
      const err = e instanceof CallError ? e : null;
      this.send({
        type: "ActionResponse",
        requestId: msg.requestId,
        success: false,
        result: err ? err.client.message : "Server Error",
        errorData: err?.client.data,
        logLines: err?.logLines ?? [],
      });
    }
  }

  /** A commit wrote these tables: re-run the subscriptions that read them. */
  invalidate(tables: Set<string>) {
    for (const sub of this.subs.values()) {
      if (tables.has(ALL_TABLES) || sub.reads.has(ALL_TABLES) || [...sub.reads].some((t) => tables.has(t)))
        sub.dirty = true;
    }
    if ([...this.subs.values()].some((s) => s.dirty)) this.scheduleRefresh();
  }

  private scheduleRefresh() {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    this.enqueue(async () => {
      this.refreshQueued = false;
      const mods: StateModification[] = [];
      for (const [queryId, sub] of this.subs) {
        if (!sub.dirty) continue;
        sub.dirty = false;
        const { serialized, mod } = await this.runSubscription(sub);
        if (serialized === sub.last) continue;
        sub.last = serialized;
        mods.push({ ...mod, queryId });
      }
      // A mutation's client resolves only once it sees a transition at least as new as the mutation.
      if (mods.length || this.minTs > this.version.ts || this.transitionOwed) {
        this.transition(mods, this.versionsNow());
      }
    });
  }
}
