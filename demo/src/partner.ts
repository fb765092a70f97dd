/**
 * The partner dashboard for the local partner: its account, keys (the secret hidden until asked),
 * secret rotation with a grace period, origins, scopes, the embed code with its values filled
 * in, and its users' usage by day (a Chart.js chart) — through the dev server's `/__pixorly/partner`
 * routes (`local-partner-api.ts`).
 */
import { getPlan, isPlanId } from "@pixorly/core";
import { chartBox, palette } from "./charts";
import { announce, copyButton, formatDate, formatDateTime, formatDollars, formatNumber, h, showError } from "./ui";

interface Partner {
  partnerId: string;
  name: string;
  status: string;
  plan: string;
  allowedOrigins: string[];
  allowedScopes: string[];
  publishableKey: string;
  quotaPerMonth?: number;
  createdAt: number;
  graceEndsAt?: number;
}
interface Dashboard {
  partner: Partner;
  secretKey: string;
  convexUrl: string;
  apiUrl: string;
}

interface PartnerUsage {
  days: { day: string; credits: number; generations: number; apiCalls: number }[];
  totals: { credits: number; generations: number; apiCalls: number };
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;

async function call<T>(route: string, body?: unknown): Promise<T> {
  const res = await fetch(`/__pixorly/partner${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "X-Pixorly-Local": "1", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(data.message ?? `The dev server answered ${res.status}.`);
  return data;
}

const stat = (label: string, value: string, sub?: string) =>
  h("div", { class: "stat" }, h("dt", {}, label), h("dd", {}, value, sub ? h("span", { class: "sub" }, sub) : null));

function keyRow(label: string, value: string, secret: boolean) {
  const code = h("code", { class: "secret-value" }, secret ? "pxs_" + "•".repeat(24) : value);
  const row = h("div", { class: "secret-row" }, code, copyButton(value, `Copy the ${label.toLowerCase()}`, code));
  if (secret) {
    const toggle = h("button", { type: "button", class: "button button-secondary", "aria-pressed": "false" }, "Show");
    toggle.addEventListener("click", () => {
      const shown = toggle.getAttribute("aria-pressed") !== "true";
      toggle.setAttribute("aria-pressed", String(shown));
      toggle.textContent = shown ? "Hide" : "Show";
      code.textContent = shown ? value : "pxs_" + "•".repeat(24);
    });
    row.append(toggle);
  }
  return h("div", { style: "margin-bottom: 0.75rem" }, h("h3", {}, label), row);
}

function snippet(title: string, text: string) {
  const code = h("pre", { class: "secret-value mono", style: "white-space: pre-wrap; margin: 0" }, text);
  return h(
    "div",
    { style: "margin-bottom: 1rem" },
    h("h3", {}, title),
    h("div", { class: "secret-row", style: "align-items: start" }, code, copyButton(text, `Copy: ${title}`, code)),
  );
}

function render(d: Dashboard) {
  const p = d.partner;
  const planLimit = isPlanId(p.plan) ? getPlan(p.plan).generationsPerMonth : null;
  const quota = p.quotaPerMonth ?? planLimit;
  $("account").removeAttribute("aria-busy");
  $("account").replaceChildren(
    h(
      "dl",
      { class: "stats" },
      stat("Name", p.name),
      stat("Status", p.status === "active" ? "Active" : p.status[0]!.toUpperCase() + p.status.slice(1)),
      stat("Plan", p.plan[0]!.toUpperCase() + p.plan.slice(1)),
      stat(
        "Monthly quota",
        quota === null ? "Unlimited" : `${formatNumber(quota)} images`,
        p.quotaPerMonth !== undefined ? "agreed for this partner" : "the plan's, shared by all its users",
      ),
      stat("Created", formatDate(p.createdAt)),
    ),
    h("p", { class: "hint", style: "margin-top: 0.75rem" }, "Partner id: ", h("code", {}, p.partnerId)),
  );
  $("keys").replaceChildren(
    keyRow("Publishable key", p.publishableKey, false),
    h("p", { class: "hint", style: "margin-top: -0.5rem" }, "Names your account; safe in pages. Not a credential."),
    keyRow("Secret key", d.secretKey, true),
    h(
      "p",
      { class: "hint", style: "margin-top: -0.5rem" },
      "Your server's credential for POST /v1/embed/tokens. Never put it in a page.",
    ),
    ...(p.graceEndsAt
      ? [
          h(
            "p",
            { class: "notice", role: "status" },
            `The previous secret key keeps working until ${formatDateTime(p.graceEndsAt)}.`,
          ),
        ]
      : []),
  );
  ($("origins") as HTMLTextAreaElement).value = p.allowedOrigins.join("\n");
  $("scopes").replaceChildren(...p.allowedScopes.map((s) => h("span", { class: "pill" }, s)));
  const origin = p.allowedOrigins[0] ?? "https://your-site.example";
  $("embed").replaceChildren(
    snippet(
      "In your page",
      `<script type="module" src="${location.origin}/pixorly.js"></script>\n<pixorly-studio convex-url="${d.convexUrl}" api-url="${d.apiUrl}" token-url="/api/pixorly-token"></pixorly-studio>`,
    ),
    snippet(
      "On your server (/api/pixorly-token mints a token for the signed-in user; PIXORLY_SECRET_KEY holds your secret key)",
      `curl -X POST ${d.apiUrl}/v1/embed/tokens \\\n  -H "Authorization: Bearer $PIXORLY_SECRET_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '{"userId":"user-1","origin":"${origin}","scopes":${JSON.stringify(p.allowedScopes)}}'`,
    ),
  );
}

async function load() {
  try {
    render(await call<Dashboard>("/"));
  } catch (error) {
    $("account").removeAttribute("aria-busy");
    $("account").replaceChildren();
    showError($("page-error"), `Could not load the local partner: ${(error as Error).message}`);
  }
}

/** Generations (bars) and their worth in credits (line) per day, with the numbers under the chart. */
function renderUsage(usage: PartnerUsage) {
  const box = $("usage");
  box.removeAttribute("aria-busy");
  const t = usage.totals;
  $("usage-totals").replaceChildren(
    h(
      "dl",
      { class: "stats", style: "margin-bottom: 1.25rem" },
      stat("Images generated", formatNumber(t.generations)),
      stat("Worth", `${formatNumber(t.credits)} credits`, formatDollars(t.credits)),
      stat("API calls", formatNumber(t.apiCalls)),
    ),
  );
  if (t.generations === 0 && t.apiCalls === 0) {
    box.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No usage in the last 30 days"),
        "Once the partner's users generate images, they show here per day.",
      ),
    );
    return;
  }
  const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
  const labels = usage.days.map((d) => dayLabel.format(Date.parse(`${d.day}T00:00:00Z`)));
  const busiest = usage.days.reduce((a, b) => (b.generations > a.generations ? b : a), usage.days[0]!);
  const chart = chartBox(
    "partner-usage",
    "Generations and credits per day",
    `${formatNumber(t.generations)} images worth ${formatNumber(t.credits)} credits over ${usage.days.length} days; the busiest day was ${busiest.day} with ${formatNumber(busiest.generations)}.`,
    {
      type: "bar",
      data: {
        labels,
        datasets: [
          {
            type: "bar",
            label: "Images generated",
            data: usage.days.map((d) => d.generations),
            backgroundColor: palette.accent,
            yAxisID: "y",
          },
          {
            type: "line",
            label: "Credits (list price)",
            data: usage.days.map((d) => d.credits),
            borderColor: palette.series[1],
            backgroundColor: palette.series[1],
            tension: 0.25,
            pointRadius: 2,
            yAxisID: "credits",
          },
        ],
      },
      options: {
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 }, grid: { display: false } },
          y: { beginAtZero: true, title: { display: true, text: "Images" }, ticks: { precision: 0 } },
          credits: {
            position: "right",
            beginAtZero: true,
            title: { display: true, text: "Credits" },
            grid: { display: false },
          },
        },
      },
    },
    {
      head: ["Day", "Images", "Credits", "API calls"],
      rows: usage.days.map((d) => [d.day, d.generations, d.credits, d.apiCalls]),
    },
  );
  box.replaceChildren(chart.box);
  chart.draw();
}

async function loadUsage() {
  try {
    renderUsage(await call<PartnerUsage>("/usage?days=30"));
  } catch (error) {
    $("usage").removeAttribute("aria-busy");
    $("usage").replaceChildren();
    showError($("usage"), `Could not load the usage: ${(error as Error).message}`);
  }
}

$("rotate-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = (event.target as HTMLFormElement).querySelector("button") as HTMLButtonElement;
  button.disabled = true;
  try {
    const graceSeconds = Number(($("grace") as HTMLSelectElement).value);
    const rotated = await call<{ secretKey: string; graceEndsAt: number }>("/rotate", { graceSeconds });
    await load();
    const message =
      graceSeconds === 0
        ? "New secret key made; the old one stopped working."
        : `New secret key made; the old one works until ${formatDateTime(rotated.graceEndsAt)}.`;
    $("rotate-result").replaceChildren(
      h(
        "p",
        { class: "notice", role: "status" },
        message,
        " Deploy the new one to your server (it is in .pixorly/partner.json).",
      ),
    );
    announce(message);
  } catch (error) {
    showError($("rotate-result"), `Could not rotate the secret: ${(error as Error).message}`);
  } finally {
    button.disabled = false;
  }
});

$("origins-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const origins = ($("origins") as HTMLTextAreaElement).value.split(/\s+/).filter(Boolean);
  if (origins.length === 0) return showError($("origins-error"), "Give at least one origin.");
  try {
    await call("/origins", { origins });
    showError($("origins-error"), null);
    await load();
    announce("Origins saved.");
  } catch (error) {
    showError($("origins-error"), `Could not save the origins: ${(error as Error).message}`);
  }
});

void load();
void loadUsage();
