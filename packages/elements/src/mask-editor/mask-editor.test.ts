import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { resetMouse, sendKeys, sendMouse } from "@web/test-runner-commands";
import { expectNoAxeViolations } from "../test/axe.js";
import type { PixorlyMaskEditor } from "./mask-editor.component.js";
import { clampZoom, imagePoint, zoomStep } from "./mask-view.js";
import "./mask-editor.js";

/** A 200×100 two-tone PNG as a data URL (the editor never reads its pixels, only shows it). */
function sampleImage(width = 200, height = 100): string {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#2a6fdb";
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = "#f5b800";
  ctx.fillRect(width / 2, 0, width / 2, height);
  return canvas.toDataURL("image/png");
}

async function mount(attributes: { width?: number; height?: number } = {}): Promise<PixorlyMaskEditor> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px">
    <pixorly-mask-editor
      style="--pixorly-mask-editor-height: 420px"
      alt="a two-tone test card"
      src=${sampleImage()}
      brush-size="20"
      feather="0"
      image-width=${attributes.width ?? 0}
      image-height=${attributes.height ?? 0}
    ></pixorly-mask-editor>
  </div>`);
  const el = wrapper.querySelector("pixorly-mask-editor")!;
  await waitUntil(() => el.size.width > 0 && $(el, ".content")!.getBoundingClientRect().width > 0, "the image loads");
  await el.updateComplete;
  return el;
}

const $ = (el: PixorlyMaskEditor, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** The client point of image pixel (x, y). */
function clientOf(el: PixorlyMaskEditor, x: number, y: number): [number, number] {
  const rect = $(el, ".content")!.getBoundingClientRect();
  return [
    Math.round(rect.left + (x / el.size.width) * rect.width),
    Math.round(rect.top + (y / el.size.height) * rect.height),
  ];
}

/** The exported mask's grey levels (red channel) and size. */
async function exported(
  el: PixorlyMaskEditor,
): Promise<{ width: number; height: number; at: (x: number, y: number) => number[] }> {
  const blob = await el.exportMask();
  expect(blob.type).to.equal("image/png");
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement("canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext("2d")!;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  return {
    width: bitmap.width,
    height: bitmap.height,
    at: (x, y) => [...data.slice((y * bitmap.width + x) * 4, (y * bitmap.width + x) * 4 + 4)],
  };
}

function pointer(el: PixorlyMaskEditor, type: string, x: number, y: number, init: PointerEventInit = {}): void {
  const [clientX, clientY] = clientOf(el, x, y);
  $(el, ".content")!.dispatchEvent(
    new PointerEvent(type, { bubbles: true, composed: true, clientX, clientY, isPrimary: true, ...init }),
  );
}

describe("<pixorly-mask-editor>", () => {
  afterEach(() => resetMouse());

  it("shows the image with its controls, the mask the image's size, no violations", async () => {
    const el = await mount();
    expect(el.size).to.deep.equal({ width: 200, height: 100 });
    const canvas = $(el, "canvas") as HTMLCanvasElement;
    expect([canvas.width, canvas.height]).to.deep.equal([200, 100]);
    expect($(el, ".brush")!.getAttribute("aria-pressed")).to.equal("true");
    expect(($(el, ".undo") as HTMLButtonElement).disabled).to.equal(true);
    expect($(el, ".stage")!.getAttribute("aria-label")).to.equal("Mask over a two-tone test card");
    await expectNoAxeViolations(el);
  });

  it("paints with the mouse: a white stroke on black, the image's size", async () => {
    const el = await mount();
    await sendMouse({ type: "move", position: clientOf(el, 40, 50) });
    await sendMouse({ type: "down" });
    await sendMouse({ type: "move", position: clientOf(el, 120, 50) });
    await sendMouse({ type: "up" });
    await el.updateComplete;
    const mask = await exported(el);
    expect([mask.width, mask.height]).to.deep.equal([200, 100]);
    expect(mask.at(40, 50)).to.deep.equal([255, 255, 255, 255], "where the stroke started");
    expect(mask.at(80, 50)).to.deep.equal([255, 255, 255, 255], "along the stroke");
    expect(mask.at(80, 80)).to.deep.equal([0, 0, 0, 255], "below it: kept");
    expect(mask.at(180, 10)).to.deep.equal([0, 0, 0, 255], "far away: kept");
    expect(($(el, ".undo") as HTMLButtonElement).disabled).to.equal(false);
  });

  it("paints with the keyboard: arrow keys move the brush, Space paints", async () => {
    const el = await mount();
    $(el, ".stage")!.focus();
    await el.updateComplete;
    expect($(el, ".cursor"), "the keyboard cursor shows").to.exist;
    // The cursor starts at the centre (100, 50); each arrow moves a quarter of the brush (5 px).
    await sendKeys({ down: " " });
    for (let i = 0; i < 8; i++) await sendKeys({ press: "ArrowRight" });
    await sendKeys({ up: " " });
    for (let i = 0; i < 8; i++) await sendKeys({ press: "ArrowUp" });
    await el.updateComplete;
    const mask = await exported(el);
    expect(mask.at(100, 50)[0]).to.equal(255);
    expect(mask.at(139, 50)[0]).to.equal(255, "painted while Space was held");
    expect(mask.at(140, 20)[0]).to.equal(0, "moving without Space paints nothing");
    expect(mask.at(60, 50)[0]).to.equal(0);
  });

  it("undoes and redoes with Ctrl+Z, Shift+Ctrl+Z and Ctrl+Y, and the buttons", async () => {
    const el = await mount();
    pointer(el, "pointerdown", 30, 30, { pointerId: 5, pointerType: "pen" });
    pointer(el, "pointerup", 30, 30, { pointerId: 5, pointerType: "pen" });
    pointer(el, "pointerdown", 150, 70, { pointerId: 6, pointerType: "pen" });
    pointer(el, "pointerup", 150, 70, { pointerId: 6, pointerType: "pen" });
    $(el, ".stage")!.focus();
    await sendKeys({ press: "Control+z" });
    let mask = await exported(el);
    expect([mask.at(30, 30)[0], mask.at(150, 70)[0]]).to.deep.equal([255, 0], "the second dab undone");
    await sendKeys({ press: "Control+z" });
    mask = await exported(el);
    expect([mask.at(30, 30)[0], mask.at(150, 70)[0]]).to.deep.equal([0, 0], "both undone");
    await sendKeys({ press: "Control+Shift+Z" });
    mask = await exported(el);
    expect([mask.at(30, 30)[0], mask.at(150, 70)[0]]).to.deep.equal([255, 0], "the first redone");
    await sendKeys({ press: "Control+y" });
    mask = await exported(el);
    expect([mask.at(30, 30)[0], mask.at(150, 70)[0]]).to.deep.equal([255, 255], "the second redone");
    $(el, ".clear")!.click();
    mask = await exported(el);
    expect(mask.at(30, 30)[0]).to.equal(0, "cleared");
    $(el, ".undo")!.click();
    mask = await exported(el);
    expect(mask.at(30, 30)[0]).to.equal(255, "the clear undone");
    await el.updateComplete;
    expect(($(el, ".redo") as HTMLButtonElement).disabled).to.equal(false);
    pointer(el, "pointerdown", 100, 10, { pointerId: 7, pointerType: "pen" });
    pointer(el, "pointerup", 100, 10, { pointerId: 7, pointerType: "pen" });
    await el.updateComplete;
    expect(($(el, ".redo") as HTMLButtonElement).disabled).to.equal(true, "a new stroke drops what was undone");
  });

  it("erases with the eraser (E), and feathered edges are grey", async () => {
    const el = await mount();
    el.brushSize = 60;
    pointer(el, "pointerdown", 100, 50, { pointerId: 1, pointerType: "mouse", button: 0 });
    pointer(el, "pointerup", 100, 50, { pointerId: 1, pointerType: "mouse", button: 0 });
    $(el, ".stage")!.focus();
    await sendKeys({ press: "e" });
    expect(el.tool).to.equal("eraser");
    el.brushSize = 10;
    pointer(el, "pointerdown", 100, 50, { pointerId: 2, pointerType: "mouse", button: 0 });
    pointer(el, "pointerup", 100, 50, { pointerId: 2, pointerType: "mouse", button: 0 });
    let mask = await exported(el);
    expect(mask.at(100, 50)[0]).to.equal(0, "erased at the centre");
    expect(mask.at(115, 50)[0]).to.equal(255, "still painted around it");

    el.tool = "brush";
    el.brushSize = 40;
    el.feather = 100;
    $(el, ".clear")!.click();
    pointer(el, "pointerdown", 50, 50, { pointerId: 3, pointerType: "mouse", button: 0 });
    pointer(el, "pointerup", 50, 50, { pointerId: 3, pointerType: "mouse", button: 0 });
    mask = await exported(el);
    const [centre, middle, edge] = [mask.at(50, 50)[0]!, mask.at(60, 50)[0]!, mask.at(69, 50)[0]!];
    expect(centre).to.be.above(middle);
    expect(middle).to.be.above(edge);
    expect(middle).to.be.within(60, 200, "half way out: grey");
    expect(mask.at(60, 50).slice(0, 3)).to.deep.equal([middle, middle, middle], "grey, not coloured");
  });

  it("paints with touch; a second finger turns it into a pinch that zooms and drops the dab", async () => {
    const el = await mount();
    pointer(el, "pointerdown", 20, 20, { pointerId: 11, pointerType: "touch" });
    pointer(el, "pointermove", 60, 20, { pointerId: 11, pointerType: "touch" });
    pointer(el, "pointerup", 60, 20, { pointerId: 11, pointerType: "touch" });
    await el.updateComplete;
    expect($(el, ".cursor"), "no brush outline under a finger").to.not.exist;
    let mask = await exported(el);
    expect(mask.at(40, 20)[0]).to.equal(255, "a touch stroke paints");

    pointer(el, "pointerdown", 150, 80, { pointerId: 12, pointerType: "touch" });
    pointer(el, "pointerdown", 170, 80, { pointerId: 13, pointerType: "touch" });
    pointer(el, "pointermove", 190, 80, { pointerId: 13, pointerType: "touch" });
    await el.updateComplete;
    expect(el.zoom).to.be.above(1.5, "the fingers moved apart: zoomed in");
    pointer(el, "pointerup", 190, 80, { pointerId: 13, pointerType: "touch" });
    pointer(el, "pointerup", 150, 80, { pointerId: 12, pointerType: "touch" });
    mask = await exported(el);
    expect(mask.at(150, 80)[0]).to.equal(0, "the first finger's dab is not kept");
    expect(mask.at(40, 20)[0]).to.equal(255, "the earlier stroke is");
  });

  it("zooms with the buttons, + / - / 0 and Ctrl+wheel", async () => {
    const el = await mount();
    const width = () => $(el, ".content")!.getBoundingClientRect().width;
    const fitted = width();
    $(el, ".zoom-in")!.click();
    await el.updateComplete;
    expect(el.zoom).to.equal(1.5);
    expect(width()).to.be.closeTo(fitted * 1.5, 1);
    $(el, ".stage")!.focus();
    await sendKeys({ press: "+" });
    expect(el.zoom).to.equal(2);
    await sendKeys({ press: "-" });
    expect(el.zoom).to.equal(1.5);
    await sendKeys({ press: "0" });
    expect(el.zoom).to.equal(1);
    const [x, y] = clientOf(el, 100, 50);
    $(el, ".stage")!.dispatchEvent(
      new WheelEvent("wheel", { deltaY: -300, ctrlKey: true, clientX: x, clientY: y, bubbles: true, cancelable: true }),
    );
    expect(el.zoom).to.be.closeTo(Math.E, 0.01);
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.contain("Zoom 272 %");
    // Painting at zoom lands on the same image pixels.
    await el.updateComplete;
    await new Promise(requestAnimationFrame);
    pointer(el, "pointerdown", 100, 50, { pointerId: 21, pointerType: "pen" });
    pointer(el, "pointerup", 100, 50, { pointerId: 21, pointerType: "pen" });
    const mask = await exported(el);
    expect(mask.at(100, 50)[0]).to.equal(255);
    await expectNoAxeViolations(el);
  });

  it("exports at the image's real size when given one larger than the rendition shown", async () => {
    const el = await mount({ width: 800, height: 400 });
    expect(el.size).to.deep.equal({ width: 800, height: 400 });
    pointer(el, "pointerdown", 400, 200, { pointerId: 1, pointerType: "pen" });
    pointer(el, "pointerup", 400, 200, { pointerId: 1, pointerType: "pen" });
    const mask = await exported(el);
    expect([mask.width, mask.height]).to.deep.equal([800, 400]);
    expect(mask.at(400, 200)[0]).to.equal(255);
  });

  it("'Use mask' emits the mask; with nothing painted it says what to do instead", async () => {
    const el = await mount();
    let fired = false;
    el.addEventListener("pixorly-mask-export", () => (fired = true));
    $(el, ".apply")!.click();
    await waitUntil(() => $(el, '[role="status"]')!.textContent!.includes("Paint over the area"));
    expect(fired).to.equal(false);
    pointer(el, "pointerdown", 10, 10, { pointerId: 1, pointerType: "pen" });
    pointer(el, "pointerup", 10, 10, { pointerId: 1, pointerType: "pen" });
    setTimeout(() => $(el, ".apply")!.click());
    const event = await oneEvent(el, "pixorly-mask-export");
    expect(event.detail.width).to.equal(200);
    expect(event.detail.height).to.equal(100);
    expect(event.detail.mask.type).to.equal("image/png");
    setTimeout(() => $(el, ".cancel")!.click());
    await oneEvent(el, "pixorly-mask-cancel");
  });

  it("view arithmetic: zoom steps and limits, points clamped to the image", () => {
    expect(zoomStep(1, 1)).to.equal(1.5);
    expect(zoomStep(8, 1)).to.equal(8);
    expect(zoomStep(2.5, -1)).to.equal(2);
    expect(zoomStep(1, -1)).to.equal(1);
    expect(clampZoom(20)).to.equal(8);
    expect(clampZoom(Number.NaN)).to.equal(1);
    expect(
      imagePoint({ x: -5, y: 500 }, { left: 0, top: 0, width: 100, height: 50 }, { width: 200, height: 100 }),
    ).to.deep.equal([0, 100]);
  });
});
