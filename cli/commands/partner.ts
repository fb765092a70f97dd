/**
 * `pixorly partner …`: the operator's partner tooling over the internal functions in
 * `convex/partners.ts`. Secrets are printed once, when they are made; nothing stores them here.
 */
import { PLAN_IDS, USER_SCOPES } from "@pixorly/core";
import { commaList, list, parse, text, wholeNumber } from "../args";
import { formatTime, printJson, type Command, type Io } from "../command";
import { UsageError } from "../usage";

interface Created {
  partnerId: string;
  publishableKey: string;
  secretKey: string;
}

export interface PartnerSummary {
  partnerId: string;
  name: string;
  status: "active" | "suspended" | "deleted";
  plan: string;
  allowedOrigins: string[];
  allowedScopes: string[];
  publishableKey: string;
  quotaPerMonth?: number;
  createdAt: number;
  graceEndsAt?: number;
}

/** The most grace `partners:rotateSecret` accepts: 7 days. */
const MAX_GRACE_SECONDS = 7 * 86_400;

function checkOrigins(command: string, origins: string[]) {
  if (origins.length === 0)
    throw new UsageError(
      "Give at least one --origin (the site that embeds the studio, e.g. https://studio.example.com)",
      command,
    );
  for (const origin of origins) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // Reported below.
    }
    if (
      !url ||
      !/^https?:$/.test(url.protocol) ||
      (url.pathname !== "/" && url.pathname !== "") ||
      url.search ||
      url.hash ||
      url.username
    ) {
      throw new UsageError(`"${origin}" is not an origin; use http(s)://host[:port] with no path`, command);
    }
  }
}

/** The embed-token request a partner's server makes, with this partner's values filled in. */
export function embedSnippet(apiUrl: string, secretKey: string, origin: string): string {
  return `curl -X POST ${apiUrl}/v1/embed/tokens -H "Authorization: Bearer ${secretKey}" -H "Content-Type: application/json" -d '{"userId":"user-1","origin":"${origin}"}'`;
}

function apiUrl(io: Io) {
  return (io.env.PIXORLY_API_URL || "http://127.0.0.1:8787").replace(/\/+$/, "");
}

const create: Command = {
  name: "partner create",
  summary: "Create a partner; prints its secret key (once) and publishable key",
  help: `Usage: pixorly partner create --name NAME --origin URL [--origin URL …] [--scope SCOPE …] [--plan PLAN] [--quota N] [--json]

Creates a partner (a site that embeds the studio) and prints its keys:
  the secret key   pxs_…  shown only now; the partner's server sends it to POST /v1/embed/tokens
  the publishable key pxp_… identifies the partner; safe in pages, not a credential

Options:
  --name NAME      display name (required)
  --origin URL     an origin allowed to embed the studio, http(s)://host[:port]; repeat or comma-separate (required)
  --scope SCOPE    what its embed tokens may do; repeat or comma-separate (default: all of ${USER_SCOPES.join(", ")})
  --plan PLAN      ${PLAN_IDS.join(" | ")} (default: pro)
  --quota N        generations per month for all its users together (default: the plan's)
  --json           print the result as JSON`,
  async run(argv, io) {
    const { values } = parse(
      this.name,
      argv,
      {
        name: { type: "string" },
        origin: { type: "string", multiple: true },
        scope: { type: "string", multiple: true },
        plan: { type: "string" },
        quota: { type: "string" },
      },
      { min: 0, max: 0, names: [] },
    );
    if (values.help) return io.out(this.help);
    const name = text(values, "name")?.trim();
    if (!name) throw new UsageError("--name is required", this.name);
    const origins = commaList(list(values, "origin"));
    checkOrigins(this.name, origins);
    const scopes = commaList(list(values, "scope"));
    for (const scope of scopes) {
      if (!(USER_SCOPES as readonly string[]).includes(scope))
        throw new UsageError(`"${scope}" is not a scope; use ${USER_SCOPES.join(", ")}`, this.name);
    }
    const plan = text(values, "plan");
    if (plan !== undefined && !(PLAN_IDS as readonly string[]).includes(plan))
      throw new UsageError(`"${plan}" is not a plan; use ${PLAN_IDS.join(", ")}`, this.name);
    const quotaText = text(values, "quota");
    const quota =
      quotaText === undefined
        ? undefined
        : wholeNumber(this.name, "--quota", quotaText, { min: 1, max: Number.MAX_SAFE_INTEGER });

    const created = await io.deployment().mutation<Created>("partners:create", {
      name,
      allowedOrigins: origins,
      allowedScopes: scopes.length > 0 ? scopes : [...USER_SCOPES],
      ...(plan ? { plan } : {}),
      ...(quota !== undefined ? { quotaPerMonth: quota } : {}),
    });
    if (values.json) return printJson(io, created);
    io.out(`Created partner "${name}" (${created.partnerId}).`);
    io.out(`Publishable key: ${created.publishableKey}`);
    io.out(`Secret key:      ${created.secretKey}`);
    io.out(
      "The secret key is shown only now. Keep it on your server (never in a page); rotate it with `pixorly partner rotate-secret`.",
    );
    io.out();
    io.out("Mint an embed token from your server:");
    io.out(`  ${embedSnippet(apiUrl(io), created.secretKey, origins[0]!)}`);
  },
};

const listCommand: Command = {
  name: "partner list",
  summary: "List partners with their origins, scopes, plan and status",
  help: `Usage: pixorly partner list [--json]

Lists every partner, oldest first: id, name, status, plan, quota, origins, scopes, publishable key.
Secret keys are never listed (only their hashes are stored).`,
  async run(argv, io) {
    const { values } = parse(this.name, argv, {}, { min: 0, max: 0, names: [] });
    if (values.help) return io.out(this.help);
    const partners = await io.deployment().query<PartnerSummary[]>("partners:list", {});
    if (values.json) return printJson(io, partners);
    if (partners.length === 0)
      return io.out("No partners yet. Create one with: npm run pixorly -- partner create --name NAME --origin URL");
    for (const p of partners) {
      io.out(`${p.partnerId}  ${p.name}  [${p.status}]`);
      io.out(
        `  plan ${p.plan}${p.quotaPerMonth !== undefined ? `, quota ${p.quotaPerMonth.toLocaleString("en-US")}/month` : ""}; created ${formatTime(p.createdAt)}`,
      );
      io.out(`  origins: ${p.allowedOrigins.join(", ") || "—"}`);
      io.out(`  scopes:  ${p.allowedScopes.join(", ")}`);
      io.out(`  publishable key: ${p.publishableKey}`);
      if (p.graceEndsAt !== undefined) io.out(`  previous secret valid until ${formatTime(p.graceEndsAt)}`);
    }
  },
};

const rotateSecret: Command = {
  name: "partner rotate-secret",
  summary: "Issue a new secret key; the old one keeps working for a grace period",
  help: `Usage: pixorly partner rotate-secret <partnerId> [--grace SECONDS] [--json]

Issues a new secret key (printed once). The old secret, and embed tokens minted with it, keep
working until the grace period ends, so the partner can deploy the new secret without an outage.

Options:
  --grace SECONDS  0 (revoke the old secret at once) to ${MAX_GRACE_SECONDS} (7 days); default 3600`,
  async run(argv, io) {
    const { values, positionals } = parse(
      this.name,
      argv,
      { grace: { type: "string" } },
      { min: 1, max: 1, names: ["partnerId"] },
    );
    if (values.help) return io.out(this.help);
    const graceText = text(values, "grace");
    const graceSeconds =
      graceText === undefined
        ? undefined
        : wholeNumber(this.name, "--grace", graceText, { min: 0, max: MAX_GRACE_SECONDS });
    const rotated = await io
      .deployment()
      .mutation<{ secretKey: string; tokenVersion: number; graceEndsAt: number }>("partners:rotateSecret", {
        partnerId: positionals[0],
        ...(graceSeconds !== undefined ? { graceSeconds } : {}),
      });
    if (values.json) return printJson(io, rotated);
    io.out(`New secret key: ${rotated.secretKey}`);
    io.out(`The old secret key and its embed tokens work until ${formatTime(rotated.graceEndsAt)}.`);
  },
};

const setOrigins: Command = {
  name: "partner set-origins",
  summary: "Replace a partner's allowed origins",
  help: `Usage: pixorly partner set-origins <partnerId> --origin URL [--origin URL …] [--json]

Replaces the origins allowed to embed the studio for this partner (the whole list: give every
origin that should stay). Embed tokens are tied to the origin they were minted for.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      this.name,
      argv,
      { origin: { type: "string", multiple: true } },
      { min: 1, max: 1, names: ["partnerId"] },
    );
    if (values.help) return io.out(this.help);
    const origins = commaList(list(values, "origin"));
    checkOrigins(this.name, origins);
    const saved = await io
      .deployment()
      .mutation<string[]>("partners:setOrigins", { partnerId: positionals[0], allowedOrigins: origins });
    if (values.json) return printJson(io, { partnerId: positionals[0], allowedOrigins: saved });
    io.out(`Origins of ${positionals[0]}: ${saved.join(", ")}`);
  },
};

function statusCommand(verb: "suspend" | "reactivate", summary: string, detail: string): Command {
  return {
    name: `partner ${verb}`,
    summary,
    help: `Usage: pixorly partner ${verb} <partnerId> [--json]\n\n${detail}`,
    async run(argv, io) {
      const { values, positionals } = parse(this.name, argv, {}, { min: 1, max: 1, names: ["partnerId"] });
      if (values.help) return io.out(this.help);
      await io.deployment().mutation<null>(`partners:${verb}`, { partnerId: positionals[0] });
      if (values.json)
        return printJson(io, { partnerId: positionals[0], status: verb === "suspend" ? "suspended" : "active" });
      io.out(`Partner ${positionals[0]} is ${verb === "suspend" ? "suspended" : "active again"}.`);
    },
  };
}

export const partnerCommands: Command[] = [
  create,
  listCommand,
  rotateSecret,
  setOrigins,
  statusCommand(
    "suspend",
    "Stop a partner at once (secret, embed tokens, its users' API keys)",
    "Stops the partner at once: its secret key, embed tokens and its users' API keys are refused.",
  ),
  statusCommand(
    "reactivate",
    "Let a suspended partner work again (old tokens stay revoked)",
    "Lets a suspended partner work again. Tokens minted before the suspension stay revoked.",
  ),
];
