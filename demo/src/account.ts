/**
 * The account page: balance, plan, trial end and quotas (`usage:account`), and spend over time,
 * spend by model and generations per day (`usage:summary`) as charts. On a deployment without the
 * usage functions it shows what `users:ensure` knows and says the rest is not available.
 */
import { chartBox, palette } from "./charts";
import { client, ensureUser, query, type Profile } from "./session";
import { CREDIT_LOW_SHARE } from "@pixorly/core";
import {
  errorMessage,
  formatBytes,
  formatDate,
  formatDateTime,
  formatDollars,
  formatNumber,
  h,
  isMissingFunction,
  relative,
  showError,
} from "./ui";

interface Limit {
  name: string;
  used: number;
  limit: number | null;
  resetsAt: number | null;
}
interface Account {
  plan: string;
  credits: number;
  trialEndsAt: number | null;
  lastGrant: number;
  limits: Limit[];
}
interface Summary {
  days: { day: string; credits: number; generations: number; apiCalls: number }[];
  byModel: { model: string; credits: number; generations: number }[];
  totals: { credits: number; generations: number; apiCalls: number };
}

const accountQuery = query<Record<string, never>, Account | null>("usage:account");
const summaryQuery = query<{ days: number }, Summary>("usage:summary");

const PLAN_NAMES: Record<string, string> = { trial: "Trial", pro: "Pro", enterprise: "Enterprise" };
const LIMIT_NAMES: Record<string, string> = {
  generationsPerMonth: "Generations this month",
  storageBytes: "Storage",
  generationsPerHour: "Generations in the last hour",
  apiRequestsPerDay: "API requests today",
  concurrentJobs: "Jobs running now",
};

const overview = document.getElementById("overview") as HTMLElement;
const limits = document.getElementById("limits") as HTMLElement;
const totals = document.getElementById("usage-totals") as HTMLElement;
const charts = document.getElementById("usage-charts") as HTMLElement;
const range = document.getElementById("range") as HTMLSelectElement;

const stat = (label: string, value: string | Node, sub?: string) =>
  h("div", { class: "stat" }, h("dt", {}, label), h("dd", {}, value, sub ? h("span", { class: "sub" }, sub) : null));
const done = (el: HTMLElement) => el.removeAttribute("aria-busy");

function renderOverview(profile: Profile, account: Account | null) {
  done(overview);
  const plan = account?.plan ?? profile.plan;
  const credits = account?.credits ?? profile.credits;
  const trialEndsAt = account?.trialEndsAt ?? null;
  const items = [
    stat("Balance", `${formatNumber(credits)} credits`, formatDollars(credits)),
    stat("Plan", PLAN_NAMES[plan] ?? plan),
    stat(
      "Trial",
      trialEndsAt === null ? "—" : formatDate(trialEndsAt),
      trialEndsAt === null
        ? plan === "trial"
          ? "No end date"
          : "Not on a trial"
        : trialEndsAt > Date.now()
          ? `ends ${relative(trialEndsAt)}`
          : "ended",
    ),
    stat("Storage used", formatBytes(profile.storageUsed)),
  ];
  const notes: HTMLElement[] = [];
  if (account && account.lastGrant > 0 && credits < account.lastGrant * CREDIT_LOW_SHARE) {
    notes.push(
      h(
        "p",
        { class: "notice notice-warn", role: "status" },
        `Your balance is below ${CREDIT_LOW_SHARE * 100} % of your last grant (${formatNumber(account.lastGrant)} credits).`,
      ),
    );
  }
  if (trialEndsAt !== null && plan === "trial" && trialEndsAt <= Date.now()) {
    notes.push(
      h(
        "p",
        { class: "notice notice-warn", role: "status" },
        "Your trial has ended: new generations are refused until you move to a paid plan.",
      ),
    );
  }
  if (!account)
    notes.push(
      h(
        "p",
        { class: "notice" },
        "Usage figures are not available on this deployment yet; balance and plan come from your profile.",
      ),
    );
  overview.replaceChildren(
    h("dl", { class: "stats" }, ...items),
    ...notes,
    h(
      "p",
      { class: "hint", style: "margin-top: 0.75rem" },
      "Your user id: ",
      h("code", {}, profile.userId),
      " — an operator adds credits with ",
      h("code", {}, `npm run pixorly -- user grant-credits ${profile.userId} 1000`),
      ".",
    ),
  );
}

function renderLimits(account: Account | null, missing: boolean) {
  done(limits);
  if (!account) {
    limits.replaceChildren(
      h(
        "p",
        { class: "empty" },
        h("strong", {}, "Not available"),
        missing ? "This deployment does not report quotas yet." : "Make a first generation to see your limits.",
      ),
    );
    return;
  }
  const rows = account.limits.map((l) => {
    const isBytes = l.name === "storageBytes";
    const fmt = (n: number) => (isBytes ? formatBytes(n) : formatNumber(n));
    const share = l.limit ? Math.min(1, l.used / l.limit) : 0;
    const meter =
      l.limit === null
        ? h("span", { class: "pill" }, "Unlimited")
        : h(
            "div",
            {
              class: `meter${share >= 1 ? " full" : share >= 0.8 ? " high" : ""}`,
              role: "meter",
              "aria-valuemin": "0",
              "aria-valuemax": String(l.limit),
              "aria-valuenow": String(Math.min(l.used, l.limit)),
              "aria-label": LIMIT_NAMES[l.name] ?? l.name,
            },
            h("span", { style: `width: ${(share * 100).toFixed(1)}%` }),
          );
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, LIMIT_NAMES[l.name] ?? l.name),
      h("td", { class: "num" }, fmt(l.used)),
      h("td", { class: "num" }, l.limit === null ? "—" : fmt(l.limit)),
      h("td", {}, meter),
      h(
        "td",
        {},
        l.resetsAt === null
          ? "—"
          : h(
              "time",
              { dateTime: new Date(l.resetsAt).toISOString(), title: formatDateTime(l.resetsAt) },
              relative(l.resetsAt),
            ),
      ),
    );
  });
  limits.replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, `Limits of the ${PLAN_NAMES[account.plan] ?? account.plan} plan`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Limit"),
            h("th", { scope: "col", class: "num" }, "Used"),
            h("th", { scope: "col", class: "num" }, "Allowed"),
            h("th", { scope: "col" }, "Share"),
            h("th", { scope: "col" }, "Resets"),
          ),
        ),
        h("tbody", {}, ...rows),
      ),
    ),
  );
}

function renderSummary(summary: Summary) {
  done(charts);
  const t = summary.totals;
  totals.replaceChildren(
    h(
      "dl",
      { class: "stats", style: "margin-bottom: 1.25rem" },
      stat("Spent", formatDollars(t.credits), `${formatNumber(t.credits)} credits`),
      stat("Images generated", formatNumber(t.generations)),
      stat("API calls", formatNumber(t.apiCalls)),
    ),
  );
  if (t.credits === 0 && t.generations === 0 && t.apiCalls === 0) {
    charts.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No usage in this period"),
        "Generate an image in the ",
        h("a", { href: "/" }, "studio"),
        " and it shows here.",
      ),
    );
    return;
  }
  const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
  const labels = summary.days.map((d) => dayLabel.format(Date.parse(`${d.day}T00:00:00Z`)));
  const dayAxis = { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 }, grid: { display: false } };
  const busiest = summary.days.reduce((a, b) => (b.generations > a.generations ? b : a), summary.days[0]!);
  const spend = chartBox(
    "spend",
    "Spend per day",
    `${formatDollars(t.credits)} over ${summary.days.length} days.`,
    {
      type: "line",
      data: {
        labels,
        datasets: [
          {
            label: "Spend (USD)",
            data: summary.days.map((d) => d.credits / 1000),
            borderColor: palette.accent,
            backgroundColor: palette.fill,
            fill: true,
            tension: 0.25,
            pointRadius: 2,
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => `$${Number(c.parsed.y).toFixed(3)}` } },
        },
        scales: { x: dayAxis, y: { beginAtZero: true, ticks: { maxTicksLimit: 6, callback: (v) => `$${v}` } } },
      },
    },
    {
      head: ["Day", "Credits", "USD"],
      rows: summary.days.map((d) => [d.day, formatNumber(d.credits), formatDollars(d.credits)]),
    },
  );
  const byModel = chartBox(
    "models",
    "Spend by model",
    summary.byModel.map((m) => `${m.model}: ${formatDollars(m.credits)}`).join(", ") || "No spend.",
    {
      type: "doughnut",
      data: {
        labels: summary.byModel.map((m) => m.model),
        datasets: [
          {
            data: summary.byModel.map((m) => m.credits / 1000),
            backgroundColor: summary.byModel.map((_, i) => palette.series[i % palette.series.length]!),
          },
        ],
      },
      options: {
        plugins: {
          legend: { position: "right" },
          tooltip: { callbacks: { label: (c) => `${c.label}: $${Number(c.parsed).toFixed(3)}` } },
        },
      },
    },
    {
      head: ["Model", "Images", "Credits", "USD"],
      rows: summary.byModel.map((m) => [
        m.model,
        formatNumber(m.generations),
        formatNumber(m.credits),
        formatDollars(m.credits),
      ]),
    },
  );
  const generations = chartBox(
    "generations",
    "Images generated per day",
    `${formatNumber(t.generations)} images; the busiest day was ${busiest.day} with ${busiest.generations}.`,
    {
      type: "bar",
      data: {
        labels,
        datasets: [
          {
            label: "Images",
            data: summary.days.map((d) => d.generations),
            backgroundColor: palette.accent,
            borderRadius: 3,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { x: dayAxis, y: { beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 6 } } },
      },
    },
    { head: ["Day", "Images", "API calls"], rows: summary.days.map((d) => [d.day, d.generations, d.apiCalls]) },
  );
  charts.replaceChildren(
    h("div", { class: "grid" }, spend.box, byModel.box),
    h("div", { style: "margin-top: 1.25rem" }, generations.box),
  );
  for (const chart of [spend, byModel, generations]) chart.draw();
}

let stopSummary: (() => void) | null = null;
function watchSummary(days: number) {
  stopSummary?.();
  charts.setAttribute("aria-busy", "true");
  stopSummary = client.onUpdate(summaryQuery, { days }, renderSummary, (error) => {
    done(charts);
    totals.replaceChildren();
    if (isMissingFunction(error))
      charts.replaceChildren(
        h(
          "div",
          { class: "empty" },
          h("strong", {}, "Usage charts are not available"),
          "This deployment does not record usage yet.",
        ),
      );
    else showError(charts, `Could not load your usage: ${errorMessage(error)}`);
  });
}

ensureUser()
  .then((profile) => {
    let latest = profile;
    renderOverview(profile, null);
    client.onUpdate(
      accountQuery,
      {},
      (account) => {
        if (account) latest = { ...latest, plan: account.plan, credits: account.credits };
        renderOverview(latest, account);
        renderLimits(account, false);
      },
      (error) => {
        renderOverview(latest, null);
        renderLimits(null, isMissingFunction(error));
        if (!isMissingFunction(error)) showError(limits, `Could not load your limits: ${errorMessage(error)}`);
      },
    );
    watchSummary(Number(range.value));
    range.addEventListener("change", () => watchSummary(Number(range.value)));
  })
  .catch((error) => {
    for (const el of [overview, limits, charts]) {
      done(el);
      showError(el, `Could not sign in as the local user: ${errorMessage(error)}`);
    }
  });
