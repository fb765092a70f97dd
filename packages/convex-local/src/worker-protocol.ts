/** Messages between the main thread and an action worker (worker-pool.ts, worker-main.ts). */
import type { JSONValue } from "convex/values";
import type { UserIdentity } from "./auth.js";
import type { ClientError } from "./errors.js";

export type WorkerData = {
  buildDir: string;
  /** Module paths (`messages`, `dir/module`) to import from buildDir. */
  modulePaths: string[];
  /** Extension of the module files (default `.mjs`; `.js` for modules pushed by the CLI). */
  moduleExt?: string;
  appDir: string;
  /** Nice value of the worker thread (Linux renices threads one by one); 0 leaves it alone. */
  nice: number;
};

export type SerializedRequest = { url: string; method: string; headers: [string, string][]; body: Uint8Array | null };
export type SerializedResponse = { status: number; headers: [string, string][]; body: Uint8Array };

type JobBase = { path: string; identity: UserIdentity | null; requestId: string };
export type WorkerJob =
  (JobBase & { kind: "action"; args: JSONValue }) | (JobBase & { kind: "http"; request: SerializedRequest });

export type WorkerOutcome =
  | { ok: true; value: JSONValue | SerializedResponse; logLines: string[] }
  | { ok: false; error: ClientError; logLines: string[] };

export type ToWorker =
  | { type: "run"; callId: number; job: WorkerJob }
  | { type: "syscallResult"; id: number; ok: true; value: unknown }
  | { type: "syscallResult"; id: number; ok: false; message: string; data?: JSONValue };

export type FromWorker =
  | { type: "ready" }
  | { type: "loadError"; message: string }
  | { type: "log"; path: string; line: string }
  | { type: "syscall"; callId: number; id: number; op: string; args: Record<string, unknown> }
  | { type: "done"; callId: number; outcome: WorkerOutcome }
  /** An exception no call caught: the worker takes no new calls and is replaced. */
  | { type: "stray"; path: string | null; text: string };
