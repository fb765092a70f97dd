/**
 * Argument parsing for every command, on `node:util` `parseArgs` (strict: an unknown flag is a usage
 * error naming it, not something silently ignored), plus the checks the commands share.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses a command's arguments; `--help`/`-h` and `--json` are accepted by every command. */
export function parse(
  command: string,
  argv: string[],
  options: Options,
  positionals: { min: number; max: number; names: string[] },
): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs' messages name the flag ("Unknown option '--nmae'"); keep their first line, not its hints about `--`.
    const message = (error as Error).message
      .split("\n")[0]!
      .split(". To specify")[0]!
      .replace(/^TypeError \[[A-Z_]+\]: /, "");
    throw new UsageError(message, command);
  }
  if (parsed.values.help) return parsed as Parsed;
  const count = parsed.positionals.length;
  if (count < positionals.min) {
    throw new UsageError(
      `Missing ${positionals.names
        .slice(count, positionals.min)
        .map((n) => `<${n}>`)
        .join(" ")}`,
      command,
    );
  }
  if (count > positionals.max)
    throw new UsageError(`Unexpected argument "${parsed.positionals[positionals.max]}"`, command);
  return parsed as Parsed;
}

/** A whole number in a range, from a positional or flag value, or a usage error naming the argument. */
export function wholeNumber(command: string, name: string, text: string, range: { min: number; max: number }): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(
      `${name} must be a whole number from ${range.min} to ${range.max.toLocaleString("en-US")}, not "${text}"`,
      command,
    );
  }
  return value;
}

export function list(values: Parsed["values"], name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

export function text(values: Parsed["values"], name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Accepts `--origin a --origin b` and `--origin a,b`. */
export function commaList(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
