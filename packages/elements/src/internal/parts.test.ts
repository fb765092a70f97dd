import { expect } from "@open-wc/testing";
import { exportParts, isPartedTag, partsOf } from "./parts.js";

interface ManifestElement {
  tagName?: string;
  cssParts?: { name: string }[];
}

/** The committed manifest (the manifest check keeps it equal to the code's JSDoc), served from the repository root. */
async function manifestElements(): Promise<ManifestElement[]> {
  const response = await fetch("/packages/elements/custom-elements.json");
  const manifest = (await response.json()) as { modules: { declarations?: ManifestElement[] }[] };
  return manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => d.tagName);
}

describe("parts (exportparts)", () => {
  it("lists, per element, exactly the parts its @csspart JSDoc documents (re-exported ones expanded)", async () => {
    const elements = await manifestElements();
    const checked = elements.filter((element) => isPartedTag(element.tagName!));
    expect(checked.length, "elements with parts").to.be.greaterThan(8);
    for (const element of checked) {
      const documented = (element.cssParts ?? []).map((part) => part.name).sort();
      expect(partsOf(element.tagName as Parameters<typeof partsOf>[0]).sort(), element.tagName).to.deep.equal(
        documented,
      );
    }
  });

  it("re-exports a child's parts with the prefix of the part the parent gives it, at every depth", () => {
    expect(exportParts("pixorly-studio", "job")).to.contain("cancel-button: job-cancel-button");
    expect(exportParts("pixorly-studio", "job")).to.contain("image-base: job-image-base");
    expect(exportParts("pixorly-studio", "comparison")).to.contain("cell-status: comparison-cell-status");
    expect(exportParts("pixorly-gallery", "lightbox")).to.contain("delete-button: lightbox-delete-button");
    expect(partsOf("pixorly-studio")).to.include.members(["gallery-lightbox-image-image", "prompt-box-submit"]);
  });

  it("refuses a part that names no nested element", () => {
    expect(() => exportParts("pixorly-studio", "canvas")).to.throw(/no Pixorly element with part "canvas"/);
  });
});
