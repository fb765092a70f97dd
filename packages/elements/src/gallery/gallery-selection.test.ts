import { expect } from "@open-wc/testing";
import { GallerySelection } from "./gallery-selection.js";

const ORDER = ["a", "b", "c", "d", "e"];

describe("GallerySelection", () => {
  it("selects one, toggles with Ctrl, extends a range with Shift from the anchor", () => {
    const selection = new GallerySelection();
    selection.choose("b", ORDER);
    expect(selection.inOrder(ORDER)).to.deep.equal(["b"]);
    selection.choose("d", ORDER, { range: true });
    expect(selection.inOrder(ORDER)).to.deep.equal(["b", "c", "d"]);
    selection.choose("a", ORDER, { range: true });
    expect(selection.inOrder(ORDER)).to.deep.equal(["a", "b"], "the anchor stays at b");
    selection.choose("e", ORDER, { toggle: true });
    expect(selection.inOrder(ORDER)).to.deep.equal(["a", "b", "e"]);
    selection.choose("e", ORDER, { toggle: true });
    expect(selection.inOrder(ORDER)).to.deep.equal(["a", "b"]);
    selection.choose("c", ORDER);
    expect(selection.inOrder(ORDER)).to.deep.equal(["c"]);
  });

  it("selects all, forgets what is gone, and clears", () => {
    const selection = new GallerySelection();
    selection.selectAll(ORDER);
    expect(selection.size).to.equal(5);
    selection.keepOnly(["a", "e"]);
    expect(selection.inOrder(ORDER)).to.deep.equal(["a", "e"]);
    selection.clear();
    expect(selection.size).to.equal(0);
  });
});
