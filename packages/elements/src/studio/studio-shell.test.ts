/**
 * The shell `pixorly.js` paints before Lit has loaded (studio-shell.ts): the same header as the studio's first
 * render, so the hand-over moves nothing, and a page that loads `dist/pixorly.js` (built before these tests) sees the shell at once and then
 * the studio taking its shadow root over.
 */
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import type { PixorlyStudio } from "./studio.component.js";
import { SHELL_ATTRIBUTE, clearShell, paintStudioShells, shellHtml } from "./studio-shell.js";
import "./studio.js";

/** Markup as a canonical string: elements with sorted attributes, trimmed text, no comments or blank text. */
function canonical(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? "").replace(/\s+/g, " ").trim();
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return "";
  const children = [...node.childNodes].map(canonical).filter(Boolean).join("");
  if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return children;
  const element = node as Element;
  const attributes = [...element.attributes]
    .filter((attribute) => attribute.name !== SHELL_ATTRIBUTE)
    .map((attribute) => ` ${attribute.name}="${attribute.value}"`)
    .sort()
    .join("");
  return `<${element.localName}${attributes}>${children}</${element.localName}>`;
}

function fromHtml(markup: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = markup;
  return template.content;
}

/** Valid attributes on an address nothing listens at: the studio stays "Connecting…" for its first render. */
const ATTRIBUTES = `convex-url="http://127.0.0.1:9" api-url="http://127.0.0.1:9" token-url="http://127.0.0.1:9/token"`;

async function firstRender(extra = ""): Promise<string> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<pixorly-studio ${ATTRIBUTES} ${extra}></pixorly-studio>`;
  const studio = host.firstElementChild as PixorlyStudio;
  await studio.updateComplete;
  return canonical(studio.shadowRoot!);
}

describe("the studio's shell", () => {
  it("is the studio's first render: the title, then Connecting…", async () => {
    expect(canonical(fromHtml(shellHtml(true)))).to.equal(await firstRender());
    expect(canonical(fromHtml(shellHtml(true))))
      .to.contain("Pixorly")
      .and.contain("Connecting…");
  });

  it("leaves the title out as the studio does before it knows the token allows white-labelling", async () => {
    expect(canonical(fromHtml(shellHtml(false)))).to.equal(await firstRender("hide-brand"));
    expect(canonical(fromHtml(shellHtml(false)))).not.to.contain("Pixorly");
  });

  it("is painted by nothing once the studio is defined, and cleared only when it is a shell", async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<pixorly-studio ${ATTRIBUTES}></pixorly-studio>`;
    // Defined in this window: the studio renders itself.
    expect(paintStudioShells(document)).to.equal(0);
    const other = document.createElement("div");
    other.attachShadow({ mode: "open" }).innerHTML = "<p>not a shell</p>";
    clearShell(other);
    expect(other.shadowRoot!.innerHTML).to.equal("<p>not a shell</p>");
  });

  it("is on screen when pixorly.js's import resolves; the studio then takes the shadow root over", async () => {
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe title="shell page" style="width: 900px; height: 400px"></iframe>`,
    );
    const loaded = oneEvent(frame, "load");
    frame.srcdoc = `<!doctype html><html lang="en"><body>
      <pixorly-studio id="good" ${ATTRIBUTES} theme="dark"></pixorly-studio>
      <pixorly-studio id="bad" api-url="http://127.0.0.1:9" token-url="/token"></pixorly-studio>
      <script type="module">
        import('${location.origin}/packages/elements/dist/pixorly.js').then(() => {
          const good = document.getElementById('good');
          const base = good.shadowRoot?.querySelector('[part="base"]');
          window.atImport = {
            defined: !!customElements.get('pixorly-studio'),
            shell: !!good.shadowRoot?.querySelector('[${SHELL_ATTRIBUTE}]'),
            text: base?.textContent.replace(/\\s+/g, ' ').trim(),
            background: base && getComputedStyle(base).backgroundColor,
            bad: document.getElementById('bad').shadowRoot !== null,
          };
        });
      </script></body></html>`;
    await loaded;
    const win = frame.contentWindow as Window & {
      atImport?: { defined: boolean; shell: boolean; text: string; background: string; bad: boolean };
    };
    await waitUntil(() => win.atImport, "pixorly.js evaluated", { timeout: 15_000 });
    const atImport = win.atImport!;
    expect(atImport.defined, "Lit and the studio load after the shell's frame").to.equal(false);
    expect(atImport.shell).to.equal(true);
    expect(atImport.text).to.equal("Pixorly Connecting…");
    // A studio whose attributes are wrong gets no shell: its first render says what is wrong.
    expect(atImport.bad).to.equal(false);

    await waitUntil(() => win.customElements.get("pixorly-studio"), "the studio is defined", { timeout: 15_000 });
    const studio = frame.contentDocument!.getElementById("good") as PixorlyStudio;
    await studio.updateComplete;
    const root = studio.shadowRoot!;
    expect(root.querySelector(`[${SHELL_ATTRIBUTE}]`) === null, "the shell is gone").to.equal(true);
    expect(root.querySelectorAll("header")).to.have.length(1);
    const base = root.querySelector<HTMLElement>('[part="base"]')!;
    // The same sheets: the dark theme's background before and after the hand-over.
    expect(getComputedStyle(base).backgroundColor).to.equal(atImport.background);
    expect(root.querySelector('[part="brand"]')?.textContent).to.equal("Pixorly");
    const bad = frame.contentDocument!.getElementById("bad") as PixorlyStudio;
    await bad.updateComplete;
    expect(bad.shadowRoot!.querySelector('[part="notice"]') !== null, "the bad studio explains its problem").to.equal(
      true,
    );
  });
});
