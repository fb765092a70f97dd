/**
 * Small DOM helpers the demo pages share: building elements, plain error messages from Convex
 * errors, status announcements for screen readers, the copy-once secret panel, and formatting.
 */
import { ConvexError } from "convex/values";

type Child = Node | string | null | undefined | false;

/** `h("button", { type: "button", onclick }, "Revoke")`: attributes as properties where one exists. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value as EventListener);
    else if (key === "class") el.className = String(value);
    else if (key in el && !key.includes("-")) (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** What to tell the user about a failed call: Convex's own message for a ConvexError, a plain one otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError) {
    const data = error.data as { message?: string; fields?: { field: string; message: string }[] } | string;
    if (typeof data === "string") return data;
    return data.message ?? "The request was refused.";
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/Could not find public function/i.test(text)) return "This deployment does not have this feature yet.";
  if (/Failed to fetch|NetworkError|fetch failed/i.test(text))
    return "Cannot reach the local services. Is npm start running?";
  return "Something went wrong. Try again; if it keeps failing, check the npm start output.";
}

/** True when the deployment lacks the function (an older backend), so a page can say "not available". */
export function isMissingFunction(error: unknown): boolean {
  return (
    !(error instanceof ConvexError) &&
    /Could not find public function/i.test(error instanceof Error ? error.message : String(error))
  );
}

/** Announces a message in the page's polite live region (`#announcer`). */
export function announce(message: string) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A new text node after clearing makes screen readers read the same message twice in a row.
  requestAnimationFrame(() => (region.textContent = message));
}

/** An inline error for a form or section, replacing any previous one. */
export function showError(container: HTMLElement, message: string | null) {
  container.replaceChildren(...(message ? [h("p", { class: "notice notice-error", role: "alert" }, message)] : []));
}

/** A copy button for a value; says "Copied" for a moment, and falls back to selecting the text. */
export function copyButton(value: string, label: string, target?: HTMLElement): HTMLButtonElement {
  const button = h("button", { type: "button", class: "button button-secondary", "aria-label": label }, "Copy");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = "Copied";
      announce("Copied to the clipboard.");
    } catch {
      if (target) window.getSelection()?.selectAllChildren(target);
      button.textContent = "Selected — press Ctrl+C";
    }
    setTimeout(() => (button.textContent = "Copy"), 2000);
  });
  return button;
}

/**
 * The "shown once" panel for a new secret (API key, webhook secret): the value, a copy button, and a
 * dismiss button; focus moves to it so keyboard and screen-reader users land on the secret.
 */
export function secretPanel(container: HTMLElement, title: string, value: string, note: string) {
  const code = h("code", { class: "secret-value" }, value);
  const panel = h(
    "section",
    { class: "secret-panel", tabindex: "-1", "aria-labelledby": "secret-title" },
    h("h3", { id: "secret-title" }, title),
    h("p", {}, note),
    h("div", { class: "secret-row" }, code, copyButton(value, `Copy ${title.toLowerCase()}`, code)),
    h(
      "button",
      { type: "button", class: "button button-quiet", onclick: () => container.replaceChildren() },
      "I have saved it — hide",
    ),
  );
  container.replaceChildren(panel);
  panel.focus();
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const number = new Intl.NumberFormat();

export const formatDateTime = (ms: number) => dateTime.format(ms);
export const formatDate = (ms: number) => dateOnly.format(ms);
export const formatNumber = (n: number) => number.format(n);
/** Credits are integers; 1 credit = $0.001. */
export const formatDollars = (credits: number) => `$${(credits / 1000).toFixed(credits % 10 === 0 ? 2 : 3)}`;

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "in 3 days" / "2 hours ago", for expiry and last use. */
export function relative(ms: number, now = Date.now()): string {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const diff = ms - now;
  const abs = Math.abs(diff);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  for (const [unit, size] of steps) if (abs >= size) return rtf.format(Math.round(diff / size), unit);
  return rtf.format(Math.round(diff / 1000), "second");
}
