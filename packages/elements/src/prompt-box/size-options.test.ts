import { expect } from "@open-wc/testing";
import { makeModel } from "../test/fixtures.js";
import { customSizeProblem, optionForSize, sizeOptionsFor } from "./size-options.js";

const shown = (model: Parameters<typeof sizeOptionsFor>[0]) =>
  sizeOptionsFor(model).map(({ label, width, height }) => `${label} ${width}×${height}`);

describe("sizeOptionsFor", () => {
  it("offers every common ratio a model without ratio limits can make: 1:1, 3:4, 4:3, 16:9, 9:16, 3:2, 2:3", () => {
    expect(shown(makeModel())).to.deep.equal([
      "1:1 1024×1024",
      "3:4 768×1024",
      "4:3 1024×768",
      "16:9 1024×576",
      "9:16 576×1024",
      "3:2 1024×680",
      "2:3 680×1024",
    ]);
    expect(
      sizeOptionsFor(makeModel())
        .slice(0, 3)
        .map((option) => [option.id, option.name]),
    ).to.deep.equal([
      ["square", "Square"],
      ["portrait", "Portrait"],
      ["landscape", "Landscape"],
    ]);
  });

  it("keeps to the model: its ratios only (in its order after the common ones), its largest size and its multiple", () => {
    const model = makeModel({
      maxWidth: 768,
      maxHeight: 768,
      sizeMultiple: 64,
      aspectRatios: ["21:9", "1:1", "16:9", "3:4"],
    });
    expect(shown(model)).to.deep.equal(["1:1 768×768", "3:4 576×768", "16:9 768×448", "21:9 768×320"]);
  });

  it("leaves out ratios the size limits cannot make", () => {
    expect(shown(makeModel({ minHeight: 512, aspectRatios: ["21:9", "1:1"] }))).to.deep.equal(["1:1 1024×1024"]);
    expect(shown(makeModel({ minHeight: 700 })).map((text) => text.split(" ")[0])).to.deep.equal([
      "1:1",
      "3:4",
      "4:3",
      "9:16",
      "2:3",
    ]);
  });

  it("finds the option for a saved size by pixels, then by ratio", () => {
    const options = sizeOptionsFor(makeModel({ maxWidth: 768, maxHeight: 768 }));
    expect(optionForSize(options, { width: 768, height: 768 })?.id).to.equal("square");
    expect(optionForSize(options, { width: 1024, height: 768 })?.id).to.equal("landscape");
    expect(optionForSize(options, { width: 1920, height: 1080 })?.id).to.equal("ratio-16:9");
    expect(optionForSize(options, { width: 1024, height: 400 })).to.equal(undefined);
  });
});

describe("customSizeProblem", () => {
  const model = makeModel({ minWidth: 256, maxWidth: 1536, minHeight: 128, maxHeight: 1024 });
  it("names the side that is empty or not a whole number, with its range", () => {
    expect(customSizeProblem("", "512", model)).to.equal("Width must be a whole number of pixels from 256 to 1536.");
    expect(customSizeProblem("512", "12.5", model)).to.equal(
      "Height must be a whole number of pixels from 128 to 1024.",
    );
    expect(customSizeProblem("512", "invalid", model)).to.equal(
      "Height must be a whole number of pixels from 128 to 1024.",
    );
    expect(customSizeProblem(" 512 ", "640", model)).to.equal(undefined);
  });
});
