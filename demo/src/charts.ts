/**
 * The account page's charts, drawn by Chart.js (registered piece by piece, so the page loads only
 * what it draws). Every chart has a text equivalent: a summary as the canvas's accessible name
 * and the numbers in a table under it.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { h } from "./ui";

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const dark = matchMedia("(prefers-color-scheme: dark)").matches;
export const palette = dark
  ? {
      accent: "#818cf8",
      fill: "rgba(129, 140, 248, 0.18)",
      text: "#d0d5dd",
      grid: "rgba(255, 255, 255, 0.1)",
      series: ["#818cf8", "#47cd89", "#fdb022", "#f97066", "#36bffa", "#ee46bc"],
    }
  : {
      accent: "#4f46e5",
      fill: "rgba(79, 70, 229, 0.12)",
      text: "#475467",
      grid: "rgba(16, 24, 40, 0.08)",
      series: ["#4f46e5", "#067647", "#b54708", "#b42318", "#026aa2", "#c11574"],
    };
Chart.defaults.color = palette.text;
Chart.defaults.borderColor = palette.grid;
Chart.defaults.font.family = "system-ui, sans-serif";

const charts = new Map<string, Chart>();

/**
 * A titled chart box with its data table. `id` keeps one Chart per box: drawing again (another
 * period) replaces the old chart instead of stacking canvases.
 */
export function chartBox(
  id: string,
  title: string,
  summary: string,
  config: ChartConfiguration,
  table: { head: string[]; rows: (string | number)[][] },
) {
  charts.get(id)?.destroy();
  const canvas = h("canvas", { role: "img", "aria-label": `${title}. ${summary}` });
  const box = h(
    "figure",
    { class: "card", style: "margin: 0" },
    h("h3", {}, title),
    h("div", { class: "chart-box" }, canvas),
    h(
      "details",
      { class: "data" },
      h("summary", {}, "Show the numbers"),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          {},
          h(
            "thead",
            {},
            h("tr", {}, ...table.head.map((t, i) => h("th", { scope: "col", class: i > 0 ? "num" : "" }, t))),
          ),
          h(
            "tbody",
            {},
            ...table.rows.map((row) =>
              h(
                "tr",
                {},
                ...row.map((cell, i) =>
                  i === 0 ? h("th", { scope: "row" }, String(cell)) : h("td", { class: "num" }, String(cell)),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  // Chart.js measures its parent, so the box is returned first and drawn once it is in the page.
  return {
    box,
    draw() {
      charts.set(
        id,
        new Chart(canvas, {
          ...config,
          options: { maintainAspectRatio: false, responsive: true, animation: false, ...config.options },
        }),
      );
    },
  };
}
