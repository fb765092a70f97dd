/**
 * The Operations page: generation outcomes and durations per model over the last 24 hours, success
 * rates since the start, queue depth per provider and the webhook backlog — `metrics:overview`,
 * read through the dev server (`local-ops-api.ts`), which holds the admin key. Charts by Chart.js
 * (`charts.ts`), each with its numbers in a table.
 */
import { chartBox, palette } from "./charts";
import { formatNumber, h, showError } from "./ui";

interface Outcome {
  model: string;
  completed: number;
  failed: number;
  durationMsSum: number;
  durationCount: number;
}
interface Overview {
  generations: Outcome[];
  hourly: { hour: string; rows: Outcome[] }[];
  queue: { provider: string; pending: number; processing: number }[];
  webhooks: { pending: number; overdueMs: number };
  capped: boolean;
}

const REFRESH_MS = 10_000;
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const stat = (label: string, value: string, sub?: string) =>
  h("div", { class: "stat" }, h("dt", {}, label), h("dd", {}, value, sub ? h("span", { class: "sub" }, sub) : null));
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const rate = (o: { completed: number; failed: number }) =>
  o.completed + o.failed === 0 ? null : o.completed / (o.completed + o.failed);
const percent = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(r === 1 || r === 0 ? 0 : 1)} %`);

async function fetchOverview(): Promise<Overview> {
  const res = await fetch("/__pixorly/ops", { headers: { "X-Pixorly-Local": "1" } });
  const data = (await res.json().catch(() => ({}))) as Overview & { message?: string };
  if (!res.ok) throw new Error(data.message ?? `The dev server answered ${res.status}.`);
  return data;
}

function renderNow(o: Overview) {
  const now = $("now");
  now.removeAttribute("aria-busy");
  const all = o.generations.reduce((t, g) => ({ completed: t.completed + g.completed, failed: t.failed + g.failed }), {
    completed: 0,
    failed: 0,
  });
  now.replaceChildren(
    h(
      "dl",
      { class: "stats" },
      ...o.queue.map((q) =>
        stat(`Queue: ${q.provider}`, `${formatNumber(q.pending)} waiting`, `${formatNumber(q.processing)} running`),
      ),
      stat(
        "Webhook backlog",
        `${formatNumber(o.webhooks.pending)} pending`,
        o.webhooks.overdueMs > 0 ? `oldest ${seconds(o.webhooks.overdueMs)} overdue` : "none overdue",
      ),
      stat(
        "Success rate",
        percent(rate(all)),
        `${formatNumber(all.completed)} completed, ${formatNumber(all.failed)} failed`,
      ),
    ),
    ...(o.capped
      ? [
          h(
            "p",
            { class: "notice notice-warn", role: "status" },
            "Some counts reached their cap (2,000): the real figure is higher.",
          ),
        ]
      : []),
  );
}

function renderHourly(o: Overview) {
  const box = $("hourly");
  box.removeAttribute("aria-busy");
  const hours = o.hourly;
  const finished = hours.reduce((n, hr) => n + hr.rows.reduce((m, r) => m + r.completed + r.failed, 0), 0);
  if (finished === 0) {
    box.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No generations finished in the last 24 hours"),
        "Generate an image in the ",
        h("a", { href: "/" }, "studio"),
        " and it shows here.",
      ),
    );
    return;
  }
  const labels = hours.map((hr) => `${hr.hour.slice(11, 13)}:00`);
  const sum = (hr: { rows: Outcome[] }, pick: (r: Outcome) => number) => hr.rows.reduce((n, r) => n + pick(r), 0);
  const completed = hours.map((hr) => sum(hr, (r) => r.completed));
  const failed = hours.map((hr) => sum(hr, (r) => r.failed));
  const hourAxis = {
    stacked: true,
    ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 },
    grid: { display: false },
  };
  const outcomes = chartBox(
    "ops-outcomes",
    "Generations per hour (UTC)",
    `${formatNumber(completed.reduce((a, b) => a + b, 0))} completed and ${formatNumber(failed.reduce((a, b) => a + b, 0))} failed in the last 24 hours.`,
    {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: "Completed", data: completed, backgroundColor: palette.series[1] },
          { label: "Failed", data: failed, backgroundColor: palette.series[3] },
        ],
      },
      options: { scales: { x: hourAxis, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    },
    {
      head: ["Hour (UTC)", "Completed", "Failed", "Success rate"],
      rows: hours.map((hr, i) => [
        hr.hour.replace("T", " ") + ":00",
        completed[i]!,
        failed[i]!,
        percent(rate({ completed: completed[i]!, failed: failed[i]! })),
      ]),
    },
  );
  const models = [
    ...new Set(hours.flatMap((hr) => hr.rows.filter((r) => r.durationCount > 0).map((r) => r.model))),
  ].sort();
  const mean = (hr: { rows: Outcome[] }, model: string) => {
    const r = hr.rows.find((row) => row.model === model);
    return r && r.durationCount > 0 ? r.durationMsSum / r.durationCount / 1000 : null;
  };
  const durations = chartBox(
    "ops-durations",
    "Mean generation time per model (seconds)",
    models.length === 0
      ? "No completed generations."
      : models
          .map(
            (m) =>
              `${m}: ${percent(rate(o.generations.find((g) => g.model === m) ?? { completed: 0, failed: 0 }))} success`,
          )
          .join(", "),
    {
      type: "line",
      data: {
        labels,
        datasets: models.map((model, i) => ({
          label: model,
          data: hours.map((hr) => mean(hr, model)),
          borderColor: palette.series[i % palette.series.length],
          backgroundColor: palette.series[i % palette.series.length],
          spanGaps: true,
          tension: 0.25,
          pointRadius: 3,
        })),
      },
      options: {
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 }, grid: { display: false } },
          y: { beginAtZero: true, title: { display: true, text: "Seconds" } },
        },
      },
    },
    {
      head: ["Hour (UTC)", ...models],
      rows: hours.map((hr) => [
        hr.hour.replace("T", " ") + ":00",
        ...models.map((m) => {
          const s = mean(hr, m);
          return s === null ? "—" : s.toFixed(2);
        }),
      ]),
    },
  );
  box.replaceChildren(h("div", { class: "grid" }, outcomes.box, durations.box));
  outcomes.draw();
  durations.draw();
}

function renderModels(o: Overview) {
  const box = $("models");
  box.removeAttribute("aria-busy");
  if (o.generations.length === 0) {
    box.replaceChildren(
      h(
        "div",
        { class: "empty" },
        h("strong", {}, "No generations yet"),
        "Per-model totals appear after the first job finishes.",
      ),
    );
    return;
  }
  const rows = [...o.generations].sort((a, b) => b.completed + b.failed - (a.completed + a.failed));
  box.replaceChildren(
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, "Generations per model since the deployment began"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Model", "Completed", "Failed", "Success rate", "Mean time"].map((t, i) =>
              h("th", { scope: "col", class: i > 0 ? "num" : "" }, t),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          ...rows.map((r) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, r.model),
              h("td", { class: "num" }, formatNumber(r.completed)),
              h("td", { class: "num" }, formatNumber(r.failed)),
              h("td", { class: "num" }, percent(rate(r))),
              h("td", { class: "num" }, r.durationCount > 0 ? seconds(r.durationMsSum / r.durationCount) : "—"),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The figures as last drawn, so a refresh that changed nothing does not redraw the charts. */
let drawn = "";

async function refresh() {
  try {
    const overview = await fetchOverview();
    showError($("page-error"), null);
    renderNow(overview);
    const key = JSON.stringify([overview.hourly, overview.generations]);
    if (key !== drawn) {
      drawn = key;
      renderHourly(overview);
      renderModels(overview);
    }
  } catch (error) {
    for (const id of ["now", "hourly", "models"]) {
      if ($(id).hasAttribute("aria-busy")) $(id).replaceChildren();
      $(id).removeAttribute("aria-busy");
    }
    showError($("page-error"), `Could not load the operations figures: ${(error as Error).message}`);
  }
}

void refresh();
setInterval(() => void refresh(), REFRESH_MS);
