/** Structured logs: one JSON object per line, so a log pipeline can index every field. */
export type LogEntry = Record<string, unknown> & { level: "info" | "warn" | "error"; msg: string };
export type Logger = (entry: LogEntry) => void;

export const jsonLogger: Logger = (entry) => {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
  if (entry.level === "error") console.error(line);
  else console.log(line);
};

/** Error details for the log only (never for a response body). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, errorName: error.name, stack: error.stack };
  return { error: String(error) };
}
