import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { expectNoAxeViolations } from "../test/axe.js";
import type { PixorlyCollectionView } from "./collection-view.component.js";
import "./collections.js";

type Answer = (path: string, args: Record<string, unknown>) => { status: number; body: unknown };

/** Answers the element's `POST /api/query` calls (no backend in component tests); restored after each test. */
function stubQueries(answer: Answer): () => void {
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const url = String(input);
    if (!url.endsWith("/api/query")) return original(input, init);
    const { path, args } = JSON.parse(String(init?.body)) as { path: string; args: [Record<string, unknown>] };
    const { status, body } = answer(path, args[0]);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return () => (window.fetch = original);
}

async function mount(shareId: string): Promise<PixorlyCollectionView> {
  return fixture<PixorlyCollectionView>(
    html`<pixorly-collection-view share-id=${shareId} convex-url="http://convex.test" api-url="http://api.test/"></pixorly-collection-view>`,
  );
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, " ");
let restore: () => void = () => {};
afterEach(() => restore());

describe("<pixorly-collection-view>", () => {
  it("shows a public collection without sign-in: its name and public images from the CDN, lazily, sized", async () => {
    restore = stubQueries((path, args) => {
      if (path === "collections:publicView")
        return { status: 200, body: { status: "success", value: { name: "Seascapes", imageCount: 1, cover: null } } };
      expect(args).to.deep.equal({ shareId: "sh4re", paginationOpts: { numItems: 48, cursor: null } });
      const image = {
        _id: "a",
        width: 1024,
        height: 768,
        s3Key: "images/u 1/a.png",
        format: "png",
        prompt: "a calm sea",
        model: "local/aurora",
      };
      return {
        status: 200,
        body: { status: "success", value: { page: [image], isDone: true, continueCursor: "end" } },
      };
    });
    const el = await mount("sh4re");
    await waitUntil(() => text(el).includes("Seascapes"), "the collection");
    const img = el.shadowRoot!.querySelector("img")!;
    expect(img.getAttribute("src")).to.equal("http://api.test/cdn/images/u%201/a.png?w=512&f=auto");
    expect(img.getAttribute("srcset")).to.contain("?w=1024&f=auto 1024w");
    expect([img.getAttribute("width"), img.getAttribute("height"), img.getAttribute("loading"), img.alt]).to.deep.equal(
      ["1024", "768", "lazy", "a calm sea"],
    );
    await expectNoAxeViolations(el);
  });

  it("an unknown or private share id says it is not shared; a failure says to try later", async () => {
    restore = stubQueries(() => ({ status: 200, body: { status: "success", value: null } }));
    const el = await mount("nope");
    await waitUntil(() => text(el).includes("not shared"));
    restore();
    restore = stubQueries(() => ({
      status: 500,
      body: { status: "error", errorMessage: "Server Error: internal detail" },
    }));
    const failed = await mount("boom");
    await waitUntil(() => text(failed).includes("could not be loaded"));
    expect(text(failed)).not.to.contain("internal detail");
  });
});
