/**
 * The function log `npx convex logs` (and `npx convex dev`) tails through `GET /api/stream_function_logs`:
 * one entry per finished query, mutation, action or HTTP action, with the lines it printed and its error,
 * the same calls the server log shows. Entries are kept in memory (the newest MAX_ENTRIES); a request
 * with `cursor` (ms) answers the entries after it, waiting up to LONG_POLL_MS for one when there are none,
 * as the backend's long poll does. Entry shape: `FunctionExecutionJson` of the CLI's generatedFunctionLogsApi.ts.
 */
export type UdfType = "Query" | "Mutation" | "Action" | "HttpAction";

export type Execution = {
  udfType: UdfType;
  /** `messages.js:list`-style path, as the backend reports it. */
  identifier: string;
  logLines: string[];
  error: string | null;
  executionTimeMs: number;
  requestId: string;
};

type Entry = Record<string, unknown> & { timestamp: number };

const MAX_ENTRIES = 1000;
const LONG_POLL_MS = 10_000;
const LEVELS = new Set(["LOG", "DEBUG", "INFO", "WARN", "ERROR"]);

/** `messages:list` → `messages.js:list`, the identifier the backend logs. */
export function logIdentifier(path: string): string {
  const colon = path.indexOf(":");
  if (colon < 0 || path.includes(" ")) return path;
  return `${path.slice(0, colon)}.js${path.slice(colon)}`;
}

/** `[WARN] text` (what console.* records in a call's log lines) → the CLI's structured log line. */
function structured(line: string, timestamp: number) {
  const m = /^\[([A-Z]+)\] ([\s\S]*)$/.exec(line);
  const level = m && LEVELS.has(m[1]) ? m[1] : "LOG";
  return { messages: [m && LEVELS.has(m[1]) ? m[2] : line], level, timestamp, isTruncated: false };
}

export class FunctionLog {
  private entries: Entry[] = [];
  /** Starts at the server's start: an empty log still answers a cursor that later entries pass. */
  private lastTimestamp = Date.now();
  private waiters = new Set<() => void>();

  record(e: Execution) {
    // Cursors are ms and strictly increasing, so "after the cursor" never skips or repeats an entry.
    const nowMs = Math.max(Date.now(), this.lastTimestamp + 0.001);
    this.lastTimestamp = nowMs;
    const seconds = nowMs / 1000;
    this.entries.push({
      kind: "Completion",
      udfType: e.udfType,
      componentPath: null,
      identifier: e.identifier,
      logLines: e.logLines.map((line) => structured(line, nowMs)),
      timestamp: seconds,
      cachedResult: false,
      caller: "convex-local",
      executionTime: e.executionTimeMs / 1000,
      success: null,
      // As the backend logs it: without the "[Request ID: …] Server Error" line the client gets.
      error: e.error === null ? null : e.error.replace(/^\[Request ID: [^\]]*\] Server Error\n/, ""),
      requestId: e.requestId,
      executionId: e.requestId,
      usageStats: null,
      willRetry: false,
      executionTimestamp: seconds,
      identityType: "unknown",
      environment: "isolate",
      cursorMs: nowMs,
    });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    for (const wake of this.waiters) wake();
  }

  private after(cursorMs: number) {
    const entries = this.entries.filter((e) => (e.cursorMs as number) > cursorMs);
    const newCursor = entries.length
      ? (entries[entries.length - 1].cursorMs as number)
      : Math.max(cursorMs, this.lastTimestamp);
    return { entries: entries.map(({ cursorMs: _cursor, ...rest }) => rest), newCursor };
  }

  /** Entries after `cursorMs`; with none yet, waits for one (up to LONG_POLL_MS, or until `aborted`). */
  async poll(cursorMs: number, aborted: AbortSignal, waitMs = LONG_POLL_MS) {
    // The first poll (cursor 0) answers the history at once, so `logs --history` prints immediately.
    if (cursorMs === 0 || this.entries.some((e) => (e.cursorMs as number) > cursorMs)) return this.after(cursorMs);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        aborted.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
      aborted.addEventListener("abort", done);
    });
    return this.after(cursorMs);
  }
}
