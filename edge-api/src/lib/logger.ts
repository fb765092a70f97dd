/** Structured logs: one JSON object per line, so a log pipeline can index every field. */
export type LogEntry = Record<string, unknown> & { level: "info" | "warn" | "error"; msg: string };
export type Logger = (entry: LogEntry) => void;

/** Where finished lines go; `level` lets a writer send errors elsewhere. */
export type LineWriter = (line: string, level: LogEntry["level"]) => void;

/** A logger that writes each entry, stamped with the time (first), as one JSON line. */
export function jsonLines(write: LineWriter): Logger {
  // This runs once per request: the time text is made once per millisecond, and spliced in
  // rather than spread with the entry into a new object.
  let at = 0;
  let time = "";
  return (entry) => {
    const now = Date.now();
    if (now !== at) {
      at = now;
      time = new Date(now).toISOString();
    }
    write(`{"time":"${time}",${JSON.stringify(entry).slice(1)}`, entry.level);
  };
}

/**
 * JSON lines on the console: what Workers collect (and the default). Node passes a buffered
 * writer instead (`lib/log-writer.ts`), since a console write per request is a syscall per request.
 */
export const jsonLogger: Logger = jsonLines((line, level) =>
  level === "error" ? console.error(line) : console.log(line),
);

/** Error details for the log only (never for a response body). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, errorName: error.name, stack: error.stack };
  return { error: String(error) };
}
