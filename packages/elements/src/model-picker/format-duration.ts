import { formatNumber } from "../i18n/format.js";

/** A duration for people: "0.2 s", "1 s", "12 s", "1.5 min" (decimals in the page's language: "0,2 s"). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${formatNumber(Number(seconds.toFixed(1)))} s`;
  if (seconds < 60) return `${formatNumber(Math.round(seconds))} s`;
  const minutes = seconds / 60;
  return `${formatNumber(minutes < 10 ? Number(minutes.toFixed(1)) : Math.round(minutes))} min`;
}
