/**
 * `pixorly moderation …`: the operator's view of the moderation log (`moderation:recent` in
 * `convex/moderation.ts`): refused generations with the rule and the prompt's hash, never its text.
 */
import { parse, text, wholeNumber } from "../args";
import { formatTime, printJson, type Command } from "../command";

export interface ModerationRow {
  id: string;
  time: number;
  userId: string;
  partnerId: string | null;
  source: "prompt" | "provider";
  rule: string;
  promptHash: string;
  jobId: string | null;
}

/** As `moderation:recent` allows. */
const MAX_LIMIT = 1000;

const listCommand: Command = {
  name: "moderation list",
  summary: "Refused generations, newest first (rule, source, user, prompt hash)",
  help: `Usage: pixorly moderation list [--limit N] [--user USER_ID] [--json]

Lists refused generations, newest first: when, which rule, whether our prompt check ("prompt") or
the model provider's filter ("provider") refused, the user (and partner), and the SHA-256 of the
normalised prompt — the log never keeps the prompt itself. The same hash means the same prompt.

Options:
  --limit N        how many rows, 1 to ${MAX_LIMIT} (default 50)
  --user USER_ID   only this user's refusals`,
  async run(argv, io) {
    const { values } = parse(
      this.name,
      argv,
      { limit: { type: "string" }, user: { type: "string" } },
      { min: 0, max: 0, names: [] },
    );
    if (values.help) return io.out(this.help);
    const limitText = text(values, "limit");
    const limit =
      limitText === undefined ? undefined : wholeNumber(this.name, "--limit", limitText, { min: 1, max: MAX_LIMIT });
    const userId = text(values, "user");
    const rows = await io.deployment().query<ModerationRow[]>("moderation:recent", {
      ...(limit !== undefined ? { limit } : {}),
      ...(userId !== undefined ? { userId } : {}),
    });
    if (values.json) return printJson(io, rows);
    if (rows.length === 0) return io.out("No refused generations.");
    for (const r of rows) {
      io.out(`${formatTime(r.time)}  ${r.source.padEnd(8)}  ${r.rule}`);
      io.out(`  user ${r.userId}${r.partnerId ? ` (partner ${r.partnerId})` : ""}${r.jobId ? `, job ${r.jobId}` : ""}`);
      io.out(`  prompt sha256 ${r.promptHash}`);
    }
  },
};

export const moderationCommands: Command[] = [listCommand];
