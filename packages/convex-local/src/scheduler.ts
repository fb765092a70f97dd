/**
 * The scheduler: `ctx.scheduler.runAfter/runAt/cancel` write `_scheduled_functions`
 * documents (inside the caller's transaction, so a rolled-back mutation schedules
 * nothing) and a durable queue row; due jobs run after restarts too. Mutations run
 * exactly once (the job is marked done in the same transaction); actions at most
 * once (an action interrupted by a restart is marked failed). Crons feed the same queue.
 */
import type { JSONValue } from "convex/values";
import type { ExecCtx } from "./context.js";
import { CallError, type Engine } from "./engine.js";
import { UdfError } from "./errors.js";
import { makeId } from "./ids.js";
import { nextRunTime, type Schedule } from "./cron.js";
import type { Doc } from "./store.js";

const TABLE = "_scheduled_functions";
const MAX_TIMER_MS = 60_000;

type JobState = { kind: "pending" | "inProgress" | "success" | "canceled" } | { kind: "failed"; error: string };
type CronSpec = { name: string; args: JSONValue[]; schedule: Schedule };

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private cronTimers = new Map<string, NodeJS.Timeout>();
  private inFlight = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private engine: Engine) {
    engine.onCommit((tables) => {
      if (tables.has(TABLE)) this.wake();
    });
  }

  private kindOf(name: string): { path: string; kind: "mutation" | "action" } {
    for (const kind of ["mutation", "action"] as const) {
      try {
        return { path: this.engine.resolve(name, kind, false).path, kind };
      } catch {
        // try the other kind
      }
    }
    throw new UdfError(`Attempted to schedule function at nonexistent path: ${name}`);
  }

  private writeJob(ts: bigint, writes: Set<string>, name: string, args: JSONValue, runAtMs: number): string {
    if (!Number.isFinite(runAtMs)) throw new UdfError("Scheduled time must be a finite number");
    const { path } = this.kindOf(name);
    const id = makeId(this.engine.store.tableNumber(TABLE));
    const doc: Doc = {
      _id: id,
      _creationTime: this.engine.nextCreationTime(),
      name: path,
      args: [args as never],
      scheduledTime: runAtMs,
      state: { kind: "pending" },
    };
    this.engine.store.write(TABLE, id, doc, ts);
    this.engine.store.scheduleAt(id, runAtMs);
    writes.add(TABLE);
    return id;
  }

  scheduleInTransaction(ctx: ExecCtx, name: string, args: JSONValue, runAtMs: number): string {
    return this.writeJob(ctx.ts, ctx.writes, name, args, runAtMs);
  }

  scheduleFromAction(name: string, args: JSONValue, runAtMs: number): Promise<string> {
    return this.engine.systemTransaction((ts, writes) => this.writeJob(ts, writes, name, args, runAtMs));
  }

  private setState(ts: bigint, writes: Set<string>, id: string, state: JobState, onlyIf?: JobState["kind"][]) {
    const found = this.engine.store.get(id);
    if (!found || found.table !== TABLE) return false;
    const current = (found.doc.state as JobState).kind;
    if (onlyIf && !onlyIf.includes(current)) return false;
    const done = state.kind !== "pending" && state.kind !== "inProgress";
    this.engine.store.write(
      TABLE,
      id,
      { ...found.doc, state, ...(done ? { completedTime: Date.now() } : {}) } as Doc,
      ts,
    );
    if (state.kind !== "pending") this.engine.store.scheduleAt(id, null);
    writes.add(TABLE);
    return true;
  }

  private cancel(ts: bigint, writes: Set<string>, id: unknown) {
    if (typeof id !== "string" || !this.engine.isIdOf(id, TABLE))
      throw new UdfError(`Invalid scheduled function ID: ${JSON.stringify(id)}`);
    this.setState(ts, writes, id, { kind: "canceled" }, ["pending", "inProgress"]);
    return null;
  }

  cancelInTransaction(ctx: ExecCtx, id: unknown) {
    return this.cancel(ctx.ts, ctx.writes, id);
  }

  cancelFromAction(id: unknown) {
    return this.engine.systemTransaction((ts, writes) => this.cancel(ts, writes, id));
  }

  /** Marks actions that a previous process left running as failed, then starts the queue. */
  async start() {
    await this.engine.systemTransaction((ts, writes) => {
      for (const { id } of this.engine.store.scan(
        `${TABLE}.by_creation_time`,
        Buffer.alloc(0),
        Buffer.from([0xff]),
        "asc",
      )) {
        const doc = this.engine.store.get(id)?.doc;
        if ((doc?.state as JobState | undefined)?.kind === "inProgress") {
          this.setState(ts, writes, id, {
            kind: "failed",
            error: "Transient error while executing action: the server restarted",
          });
        }
      }
    });
    this.wake();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.cronTimers.forEach((t) => clearTimeout(t));
    await Promise.allSettled([...this.inFlight.values()]);
  }

  wake() {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.engine.store.nextJobTime();
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - Date.now()), MAX_TIMER_MS);
    // Jobs already running wake the queue when they finish; don't spin on them.
    if (delay === 0 && this.engine.store.dueJobs(Date.now(), 100).every((id) => this.inFlight.has(id))) return;
    this.timer = setTimeout(() => this.runDue(), delay);
  }

  private runDue() {
    this.timer = null;
    if (this.stopped) return;
    for (const id of this.engine.store.dueJobs(Date.now(), 100)) {
      if (this.inFlight.has(id)) continue;
      const run = this.run(id)
        .catch((e) => this.engine.log(`scheduler: job ${id} crashed: ${(e as Error).stack}`))
        .finally(() => {
          this.inFlight.delete(id);
          this.wake();
        });
      this.inFlight.set(id, run);
    }
    this.wake();
  }

  private async run(id: string) {
    const doc = this.engine.store.get(id)?.doc;
    if (!doc || (doc.state as JobState).kind !== "pending") {
      await this.engine.systemTransaction(() => this.engine.store.scheduleAt(id, null));
      return;
    }
    const name = doc.name as string;
    const args = (doc.args as JSONValue[])[0] ?? {};
    const failed = (e: unknown) =>
      this.engine.systemTransaction((ts, writes) =>
        this.setState(
          ts,
          writes,
          id,
          { kind: "failed", error: e instanceof CallError ? e.client.message : String((e as Error)?.message ?? e) },
          ["pending", "inProgress"],
        ),
      );
    let kind: "mutation" | "action";
    try {
      kind = this.kindOf(name).kind;
    } catch (e) {
      await failed(e);
      return;
    }
    if (kind === "mutation") {
      try {
        await this.engine.runMutation(name, args, null, {
          publicOnly: false,
          beforeCommit: (ctx) => this.setState(ctx.ts, ctx.writes, id, { kind: "success" }, ["pending"]),
        });
      } catch (e) {
        await failed(e);
      }
      return;
    }
    const started = await this.engine.systemTransaction((ts, writes) =>
      this.setState(ts, writes, id, { kind: "inProgress" }, ["pending"]),
    );
    if (!started) return;
    try {
      await this.engine.runAction(name, args, null, { publicOnly: false });
      await this.engine.systemTransaction((ts, writes) =>
        this.setState(ts, writes, id, { kind: "success" }, ["inProgress"]),
      );
    } catch (e) {
      await failed(e);
    }
  }

  /** Arms the crons of `crons.ts`; each run goes through the queue like any scheduled job. */
  setCrons(crons: Record<string, CronSpec> | undefined) {
    this.cronTimers.forEach((t) => clearTimeout(t));
    this.cronTimers.clear();
    for (const [identifier, spec] of Object.entries(crons ?? {})) {
      const arm = (after: number) => {
        if (this.stopped) return;
        const at = nextRunTime(spec.schedule, after);
        const timer = setTimeout(
          () => {
            // Timers cap at ~24.8 days: re-arm until the real time comes.
            if (Date.now() < at) return arm(after);
            this.scheduleFromAction(spec.name, spec.args[0] ?? {}, Date.now()).catch((e) =>
              this.engine.log(`cron ${identifier}: ${(e as Error).message}`),
            );
            arm(at);
          },
          Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1),
        );
        this.cronTimers.set(identifier, timer);
      };
      arm(Date.now());
    }
  }
}
