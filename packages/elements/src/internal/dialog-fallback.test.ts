import { expect, fixture, html } from "@open-wc/testing";
import { closeDialog, isDialogOpen, showDialog, supportsDialog } from "./dialog-fallback.js";

describe("dialog fallback", () => {
  it("uses the real dialog where there is one", async () => {
    const dialog = await fixture<HTMLDialogElement>(html`<dialog><button>x</button></dialog>`);
    expect(supportsDialog(dialog)).to.equal(true);
    showDialog(dialog);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(":modal")).to.equal(true);
    closeDialog(dialog);
    expect(isDialogOpen(dialog)).to.equal(false);
  });

  it("toggles the open attribute where <dialog> is unknown (Firefox < 98, Safari < 15.4)", async () => {
    // What an old engine makes of <dialog>: an element without showModal/close.
    const unknown = await fixture<HTMLElement>(html`<pixorly-old-dialog></pixorly-old-dialog>`);
    expect(supportsDialog(unknown)).to.equal(false);
    showDialog(unknown);
    expect(isDialogOpen(unknown)).to.equal(true);
    closeDialog(unknown);
    expect(isDialogOpen(unknown)).to.equal(false);
  });
});
