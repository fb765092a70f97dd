/**
 * `pixorly user …`: support operations on one account, over the internal functions in
 * `convex/users.ts`. A user id is the Convex id the demo's Account page shows.
 */
import { PLAN_IDS } from "@pixorly/core";
import { parse, text, wholeNumber } from "../args";
import { formatTime, printJson, type Command } from "../command";
import { UsageError } from "../usage";

/** A grant above this is almost certainly a typo (10 million credits = $10,000). */
const MAX_GRANT = 10_000_000;

const grantCredits: Command = {
  name: "user grant-credits",
  summary: "Add credits to a user's balance",
  help: `Usage: pixorly user grant-credits <userId> <credits> [--json]

Adds credits to the user's balance (1 credit = $0.001) and prints the new balance.
<credits> is a whole number from 1 to ${MAX_GRANT.toLocaleString("en-US")}.`,
  async run(argv, io) {
    const { values, positionals } = parse(this.name, argv, {}, { min: 2, max: 2, names: ["userId", "credits"] });
    if (values.help) return io.out(this.help);
    const credits = wholeNumber(this.name, "<credits>", positionals[1]!, { min: 1, max: MAX_GRANT });
    const result = await io
      .deployment()
      .mutation<{ userId: string; credits: number }>("users:grantCredits", { userId: positionals[0], credits });
    if (values.json) return printJson(io, result);
    io.out(
      `Granted ${credits.toLocaleString("en-US")} credits to ${result.userId}; balance now ${result.credits.toLocaleString("en-US")} credits.`,
    );
  },
};

const setPlan: Command = {
  name: "user set-plan",
  summary: `Move a user to another plan (${PLAN_IDS.join(", ")})`,
  help: `Usage: pixorly user set-plan <userId> <plan> [--trial-ends YYYY-MM-DD] [--json]

Sets the user's plan: ${PLAN_IDS.join(", ")}.
Options:
  --trial-ends DATE  also set the trial's end (an ISO date or date-time, UTC), e.g. to extend a trial`,
  async run(argv, io) {
    const { values, positionals } = parse(
      this.name,
      argv,
      { "trial-ends": { type: "string" } },
      { min: 2, max: 2, names: ["userId", "plan"] },
    );
    if (values.help) return io.out(this.help);
    const plan = positionals[1]!;
    if (!(PLAN_IDS as readonly string[]).includes(plan))
      throw new UsageError(`"${plan}" is not a plan; use ${PLAN_IDS.join(", ")}`, this.name);
    const trialText = text(values, "trial-ends");
    const trialEndsAt =
      trialText === undefined
        ? undefined
        : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trialText) ? `${trialText}T00:00:00Z` : trialText);
    if (trialEndsAt !== undefined && !Number.isSafeInteger(trialEndsAt))
      throw new UsageError(`--trial-ends must be a date such as 2027-01-31, not "${trialText}"`, this.name);
    await io.deployment().mutation<null>("users:updateAccount", {
      userId: positionals[0],
      plan,
      ...(trialEndsAt !== undefined ? { trialEndsAt } : {}),
    });
    if (values.json)
      return printJson(io, { userId: positionals[0], plan, ...(trialEndsAt !== undefined ? { trialEndsAt } : {}) });
    io.out(
      `User ${positionals[0]} is on the ${plan} plan${trialEndsAt !== undefined ? `; trial ends ${formatTime(trialEndsAt)}` : ""}.`,
    );
  },
};

export const userCommands: Command[] = [grantCredits, setPlan];
