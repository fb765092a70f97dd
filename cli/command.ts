/** The shape every CLI command has, so the entry point can list, explain and run them the same way. */
import type { Deployment } from "./deployment";

export interface Io {
  /** A line on stdout. */
  out(line?: string): void;
  /** Connects on first use, so `--help` and usage errors never need a running deployment. */
  deployment(): Deployment;
  env: Record<string, string | undefined>;
}

export interface Command {
  /** The words that select it: "partner create". */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text (usage line first). */
  help: string;
  run(argv: string[], io: Io): Promise<void>;
}

/** Prints a value as JSON (for `--json`: scripts and tests read this). */
export function printJson(io: Io, value: unknown) {
  io.out(JSON.stringify(value, null, 2));
}

export function formatTime(ms: number | undefined): string {
  return ms === undefined ? "—" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
