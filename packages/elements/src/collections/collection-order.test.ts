import { expect } from "@open-wc/testing";
import { reorder } from "./collection-order.js";

describe("reorder", () => {
  it("moves one image and names the one it now stands before", () => {
    expect(reorder(["a", "b", "c", "d"], 3, 1)).to.deep.equal({
      order: ["a", "d", "b", "c"],
      imageId: "d",
      beforeImageId: "b",
    });
    expect(reorder(["a", "b", "c", "d"], 0, 3)).to.deep.equal({
      order: ["b", "c", "d", "a"],
      imageId: "a",
      beforeImageId: null,
    });
    expect(reorder(["a", "b", "c"], 1, 9)).to.deep.equal({ order: ["a", "c", "b"], imageId: "b", beforeImageId: null });
  });

  it("is null when nothing moves", () => {
    expect(reorder(["a", "b"], 0, 0)).to.equal(null);
    expect(reorder(["a", "b"], 0, -1)).to.equal(null);
    expect(reorder([], 0, 1)).to.equal(null);
  });
});
