/**
 * The studio's first paint without Lit. `pixorly.js` is little more than this module, the studio's style sheets
 * and the loaders: it gives each `<pixorly-studio>` on the page the header the studio's first render shows (the
 * title and "Connecting…") with the studio's own sheets, and loads Lit and the studio in the frame after
 * (`pixorly.ts`). The studio then takes this shadow root over — its `createRenderRoot` drops the shell — and
 * renders the same header, so nothing moves (studio-shell.test.ts compares the two). Compiling and running Lit
 * and the studio was most of the time from the script's arrival to the first paint (bench/elements.bench.ts).
 *
 * A studio whose attributes are wrong gets no shell: its first render explains the problem.
 */
import { adoptStyles } from "@lit/reactive-element/css-tag.js";
import { configProblems } from "./studio-config.js";
import { studioStyles } from "./studio-sheets.js";

/** Marks the shell's root element; the studio clears the shadow root holding it before its first render. */
export const SHELL_ATTRIBUTE = "data-pixorly-shell";

/** The studio's first render while it connects: the title (unless white-labelled), then the connection state. */
export function shellHtml(brand: boolean): string {
  const title = brand ? '<p part="brand" class="title">Pixorly</p> ' : "";
  return (
    `<div part="base" class="studio" ${SHELL_ATTRIBUTE}> <header part="header"> ${title}<div class="status-line"> ` +
    '<span part="connection" class="connection" data-state="connecting" role="status"> ' +
    '<span class="dot" aria-hidden="true"></span>Connecting… </span> </div> </header> </div>'
  );
}

/** Paints the shell into every `<pixorly-studio>` of `doc` not yet defined or painted; returns how many. */
export function paintStudioShells(doc: Document): number {
  if (customElements.get("pixorly-studio")) return 0;
  let painted = 0;
  for (const host of doc.querySelectorAll<HTMLElement>("pixorly-studio")) {
    if (host.shadowRoot) continue;
    const attribute = (name: string) => host.getAttribute(name) ?? "";
    const config = {
      convexUrl: attribute("convex-url"),
      apiUrl: attribute("api-url"),
      tokenUrl: attribute("token-url"),
      // A property the page set before the element was defined.
      hasTokenProvider: "tokenProvider" in host,
    };
    if (configProblems(config, doc.baseURI).length > 0) continue;
    // The studio reflects its default theme; the shell's sheets need the attribute now.
    if (!host.hasAttribute("theme")) host.setAttribute("theme", "auto");
    const whiteLabel = host.hasAttribute("hide-brand") || host.querySelector(':scope > [slot="brand"]') !== null;
    const root = host.attachShadow({ mode: "open" });
    adoptStyles(root, studioStyles);
    // After the <style> elements adoptStyles adds where constructable style sheets are missing.
    const template = doc.createElement("template");
    template.innerHTML = shellHtml(!whiteLabel);
    root.append(template.content);
    painted++;
  }
  return painted;
}

/** Drops a shell from `host`'s shadow root (the studio's `createRenderRoot`, before Lit renders into it). */
export function clearShell(host: HTMLElement): void {
  const root = host.shadowRoot;
  // Not `:scope > …`: in a shadow root's querySelector `:scope` matches no element.
  if (root && [...root.children].some((child) => child.hasAttribute(SHELL_ATTRIBUTE))) root.replaceChildren();
}
