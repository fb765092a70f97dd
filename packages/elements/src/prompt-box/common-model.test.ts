import { expect } from "@open-wc/testing";
import { makeModel } from "../test/fixtures.js";
import { commonModel } from "./common-model.js";

describe("commonModel", () => {
  const wide = makeModel({
    id: "acme/wide",
    provider: "openrouter",
    costPerImageCredits: 40,
    estimatedMs: 9_000,
    minWidth: 256,
    sizeMultiple: 16,
    aspectRatios: ["1:1", "16:9"],
    supports: {
      negativePrompt: true,
      seed: true,
      steps: { min: 10, max: 50, default: 30 },
      numImages: { min: 1, max: 2 },
    },
  });
  const other = makeModel({
    id: "acme/other",
    provider: "openrouter",
    costPerImageCredits: 5,
    maxHeight: 1024,
    sizeMultiple: 64,
    aspectRatios: ["16:9", "4:3"],
    supports: {
      negativePrompt: true,
      seed: false,
      steps: { min: 1, max: 20, default: 20 },
      numImages: { min: 1, max: 4 },
    },
  });

  it("is the model itself when there is one", () => {
    expect(commonModel([wide])).to.equal(wide);
  });

  it("supports only what every model supports and costs what all cost together", () => {
    const common = commonModel([wide, other, makeModel()]);
    expect(common.costPerImageCredits).to.equal(46);
    expect(common.estimatedMs).to.equal(9_000);
    expect([common.minWidth, common.maxHeight, common.sizeMultiple]).to.deep.equal([256, 1024, 64]);
    expect(common.aspectRatios).to.deep.equal(["16:9"]);
    expect(common.supports).to.deep.equal({
      negativePrompt: false,
      seed: false,
      steps: undefined,
      guidance: undefined,
      numImages: { min: 1, max: 2 },
    });
    expect(commonModel([wide, other]).supports.steps).to.deep.equal({ min: 10, max: 20 });
  });
});
