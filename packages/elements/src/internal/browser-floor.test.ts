import { expect, fixture, html } from "@open-wc/testing";
import { FLOOR_NOTICE, installFloorFallbacks, missingFloorFeatures, showFloorNotice } from "./browser-floor.js";

describe("supported-browser floor", () => {
  it("finds nothing missing in this browser", () => {
    expect(missingFloorFeatures()).to.deep.equal([]);
  });

  it("names what a browser below the floor lacks", () => {
    const old = { ...pick(globalThis), customElements: undefined, ResizeObserver: undefined };
    expect(missingFloorFeatures(old)).to.deep.equal(["customElements", "resizeObserver"]);
    expect(missingFloorFeatures({})).to.include.members(["customElements", "shadowDom", "fetch"]);
  });

  it("writes a plain-text notice into every studio instead of a broken page", async () => {
    // Below the floor the tag is never upgraded; here nothing imported the studio, so it is not either.
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    const studios = [document.createElement("pixorly-studio"), document.createElement("pixorly-studio")];
    const holder = document.createElement("div");
    holder.append(...studios);
    studios[0]!.textContent = "partner fallback text";
    page.append(holder);
    expect(showFloorNotice(holder, ["customElements"])).to.equal(2);
    for (const studio of studios) {
      const notice = studio.querySelector('[data-pixorly-notice="unsupported-browser"]')!;
      expect(notice.textContent).to.equal(FLOOR_NOTICE);
      expect(notice.getAttribute("role")).to.equal("status");
      expect(notice.getAttribute("data-missing")).to.equal("customElements");
      expect(studio.children.length).to.equal(1);
    }
  });

  it("adds Array#at, String#at and Object.hasOwn where missing, and leaves native ones alone", () => {
    const scope = { Array: fakeCtor(), String: fakeCtor(), Object: {} as Record<string, unknown> };
    installFloorFallbacks(scope);
    const at = scope.Array.prototype.at as (this: unknown, i: number) => unknown;
    expect(at.call([1, 2, 3], -1)).to.equal(3);
    expect(at.call([1, 2, 3], 0)).to.equal(1);
    expect(at.call([1, 2, 3], 5)).to.equal(undefined);
    expect((scope.String.prototype.at as (this: string, i: number) => unknown).call("abc", -2)).to.equal("b");
    const hasOwn = scope.Object.hasOwn as (o: object, k: string) => boolean;
    expect(hasOwn({ a: 1 }, "a")).to.equal(true);
    expect(hasOwn({ a: 1 }, "toString")).to.equal(false);
    expect(Object.keys(scope.Array.prototype)).to.deep.equal([]);
    const nativeAt = Array.prototype.at;
    installFloorFallbacks();
    expect(Array.prototype.at).to.equal(nativeAt);
  });
});

function pick(scope: typeof globalThis): Record<string, unknown> {
  const names = [
    "customElements",
    "Element",
    "HTMLTemplateElement",
    "fetch",
    "WebSocket",
    "ResizeObserver",
    "IntersectionObserver",
    "Promise",
  ];
  return Object.fromEntries(names.map((name) => [name, (scope as unknown as Record<string, unknown>)[name]]));
}

function fakeCtor(): { prototype: Record<string, unknown> } {
  return { prototype: {} };
}
