/**
 * Finding things in the page the way the Playwright journeys do (`getByRole(role, { name })`, `filter({ hasText })`,
 * through open shadow roots), for the Firefox and WebKit journeys, whose drivers (puppeteer over WebDriver BiDi,
 * WebKitWebDriver) have no such locators. `pageQuery` runs inside the page: it is sent as its source text, so it
 * must use nothing from outside its own body. Roles and names are a small subset of ARIA's rules — enough for the
 * studio's markup (explicit roles, native controls, aria-label/labelledby, labels, text content).
 */

/** One step of a locator: each step searches inside the element the previous one found. */
export interface Step {
  /** A CSS selector (matched in every shadow root), or an ARIA role. */
  css?: string;
  role?: string;
  /** The accessible name: a string is a case-insensitive substring, as in Playwright; `exact` for equality. */
  name?: string | { source: string; flags?: string };
  exact?: boolean;
  /** Only elements whose text holds this (Playwright's `filter({ hasText })`). */
  text?: string;
}

export type Query =
  | { op: "count"; steps: Step[] }
  | { op: "center"; steps: Step[] }
  | { op: "text"; steps: Step[] }
  | { op: "attribute"; steps: Step[]; name: string }
  | { op: "select"; steps: Step[] }
  | { op: "loaded"; steps: Step[] };

export type QueryResult = number | string | null | { x: number; y: number; covered?: string };

export function pageQuery(query: Query): QueryResult {
  const clean = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

  function* within(root: ParentNode): Generator<Element> {
    for (const element of root.querySelectorAll("*")) {
      yield element;
      if (element.shadowRoot) yield* within(element.shadowRoot);
    }
  }
  function* below(element: Element | Document): Generator<Element> {
    if (element instanceof Element && element.shadowRoot) yield* within(element.shadowRoot);
    yield* within(element);
  }

  function roleOf(element: Element): string | null {
    const explicit = element.getAttribute("role");
    if (explicit) return explicit.split(/\s+/)[0]!;
    const tag = element.localName;
    if (tag === "input") {
      const type = (element.getAttribute("type") ?? "text").toLowerCase();
      if (["button", "submit", "reset", "image"].includes(type)) return "button";
      if (type === "radio" || type === "checkbox") return type;
      if (type === "number") return "spinbutton";
      if (type === "range") return "slider";
      return ["text", "search", "email", "url", "tel", "password", ""].includes(type) ? "textbox" : null;
    }
    if (/^h[1-6]$/.test(tag)) return "heading";
    if (tag === "a") return element.hasAttribute("href") ? "link" : null;
    if (tag === "select") return (element as HTMLSelectElement).multiple ? "listbox" : "combobox";
    if (tag === "section")
      return element.hasAttribute("aria-label") || element.hasAttribute("aria-labelledby") ? "region" : null;
    const implicit: Record<string, string> = {
      button: "button",
      textarea: "textbox",
      dialog: "dialog",
      option: "option",
      output: "status",
      dd: "definition",
      nav: "navigation",
      ul: "list",
      ol: "list",
      li: "listitem",
      img: "img",
    };
    return implicit[tag] ?? null;
  }

  function nameOf(element: Element): string {
    const root = element.getRootNode() as Document | ShadowRoot;
    const labelledBy = element.getAttribute("aria-labelledby");
    if (labelledBy)
      return clean(
        labelledBy
          .split(/\s+/)
          .map((id) => root.getElementById(id)?.textContent ?? "")
          .join(" "),
      );
    const label = element.getAttribute("aria-label");
    if (label) return clean(label);
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0) return clean([...labels].map((item) => item.textContent).join(" "));
    if (element.localName === "img") return clean(element.getAttribute("alt"));
    const fromContent = ["button", "link", "tab", "option", "radio", "checkbox", "heading", "menuitem", "cell"];
    if (fromContent.includes(roleOf(element) ?? "")) {
      const text = clean(contentOf(element));
      if (text) return text;
    }
    return clean(element.getAttribute("title") ?? element.getAttribute("placeholder"));
  }

  /** The text a name from content is made of: text, images' alt, shadow roots as rendered (slots filled). */
  function contentOf(node: Node, top = true): string {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? "";
    if (!(node instanceof Element)) return "";
    if (node.getAttribute("aria-hidden") === "true" || ["style", "script", "template"].includes(node.localName))
      return "";
    if (node.localName === "img") return ` ${node.getAttribute("alt") ?? ""} `;
    if (node.localName === "slot") {
      const assigned = (node as HTMLSlotElement).assignedNodes({ flatten: true });
      return (assigned.length > 0 ? assigned : [...node.childNodes]).map((child) => contentOf(child, false)).join("");
    }
    const label = node.getAttribute("aria-label");
    if (label && !top) return ` ${label} `;
    const children = node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
    return [...children].map((child) => contentOf(child, false)).join(" ");
  }

  const visible = (element: Element) =>
    element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";

  function matches(element: Element, step: Step): boolean {
    if (step.css && !element.matches(step.css)) return false;
    if (step.role && roleOf(element) !== step.role) return false;
    if (step.name !== undefined) {
      const name = nameOf(element);
      if (typeof step.name === "string") {
        if (step.exact ? name !== step.name : !name.toLowerCase().includes(step.name.toLowerCase())) return false;
      } else if (!new RegExp(step.name.source, step.name.flags).test(name)) return false;
    }
    if (step.text !== undefined && !clean(element.textContent).includes(step.text)) return false;
    return visible(element);
  }

  let found: (Element | Document)[] = [document];
  for (const step of query.steps) {
    const next: Element[] = [];
    for (const scope of found) for (const element of below(scope)) if (matches(element, step)) next.push(element);
    found = [...new Set(next)];
  }
  const first = found[0] instanceof Element ? found[0] : undefined;
  switch (query.op) {
    case "count":
      return found.filter((item) => item instanceof Element).length;
    case "text":
      return first ? clean((first as HTMLElement).innerText ?? first.textContent) : null;
    case "attribute":
      return first ? first.getAttribute(query.name) : null;
    case "loaded": {
      const image = first as HTMLImageElement | undefined;
      return image?.localName === "img" && image.complete ? image.naturalWidth : 0;
    }
    case "select": {
      if (!first) return null;
      const field = first as HTMLInputElement;
      field.focus();
      field.select();
      return "selected";
    }
    case "center": {
      if (!first) return null;
      first.scrollIntoView({ block: "center", inline: "center" });
      const box = first.getBoundingClientRect();
      const x = Math.round(box.left + box.width / 2);
      const y = Math.round(box.top + box.height / 2);
      // Playwright's "receives events" check: a click there must land on the element (or inside it, or on a
      // label of it), not on something over it — else the caller waits and asks again.
      let hit = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      for (let node: Node | null = hit; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
        if (node === first || (node instanceof HTMLLabelElement && node.control === first)) return { x, y };
      }
      const over = hit
        ? `<${hit.localName}${hit.id ? `#${hit.id}` : ""}> ${clean(hit.textContent).slice(0, 40)}`
        : "nothing";
      return { x, y, covered: `${over} at ${location.pathname}` };
    }
  }
}
