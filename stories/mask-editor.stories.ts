/** `<pixorly-mask-editor>`: an image to mask, a painted mask (brush and eraser), zoomed in, dark. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { ref } from "lit/directives/ref.js";
import "../packages/elements/src/mask-editor/mask-editor.js";
import type { PixorlyMaskEditor } from "../packages/elements/src/mask-editor/mask-editor.component.js";
import { artUrl } from "./in-memory/art.js";
import { makeLibrary } from "./in-memory/seed.js";
import { until } from "./support/until.js";

type MaskArgs = { tool: "brush" | "eraser"; "brush-size": number; feather: number; zoom: number };

const [picture] = makeLibrary(1);

const meta: Meta<MaskArgs> = {
  title: "Elements/Mask editor",
  component: "pixorly-mask-editor",
  args: { tool: "brush", "brush-size": 96, feather: 20, zoom: 1 },
  argTypes: {
    tool: { control: "inline-radio", options: ["brush", "eraser"] },
    "brush-size": { control: { type: "range", min: 2, max: 512 } },
    feather: { control: { type: "range", min: 0, max: 100 } },
    zoom: { control: { type: "range", min: 1, max: 8, step: 0.5 } },
  },
  // The picture is painted in a worker (a `blob:` URL): the element is rendered first and given it when ready.
  render: (args) => {
    const url = artUrl(picture!, 1024);
    return html`<pixorly-mask-editor
      ${ref((editor) => void url.then((src) => editor && ((editor as PixorlyMaskEditor).src = src)))}
      style="--pixorly-mask-editor-height: 34rem; max-width: 52rem"
      alt=${picture!.prompt}
      image-width=${picture!.width}
      image-height=${picture!.height}
      tool=${args.tool}
      brush-size=${args["brush-size"]}
      feather=${args.feather}
      zoom=${args.zoom}
    ></pixorly-mask-editor>`;
  },
};
export default meta;

type Story = StoryObj<MaskArgs>;

/** Paints a stroke through image points (as a pen would), so the story shows a mask. */
async function paint(editor: PixorlyMaskEditor, points: Array<[number, number]>, pointerId: number): Promise<void> {
  const content = await until(() => {
    const box = editor.shadowRoot?.querySelector<HTMLElement>(".content");
    return box && box.getBoundingClientRect().width > 0 ? box : undefined;
  }, "the image to be laid out");
  const rect = content.getBoundingClientRect();
  const at = ([x, y]: [number, number]) => ({
    clientX: rect.left + (x / editor.size.width) * rect.width,
    clientY: rect.top + (y / editor.size.height) * rect.height,
  });
  const init = { pointerId, pointerType: "pen", bubbles: true, composed: true, isPrimary: true };
  content.dispatchEvent(new PointerEvent("pointerdown", { ...init, ...at(points[0]!) }));
  for (const point of points.slice(1))
    content.dispatchEvent(new PointerEvent("pointermove", { ...init, ...at(point) }));
  content.dispatchEvent(new PointerEvent("pointerup", { ...init, ...at(points[points.length - 1]!) }));
}

async function editorOf(canvasElement: HTMLElement): Promise<PixorlyMaskEditor> {
  const editor = await until(() => canvasElement.querySelector<PixorlyMaskEditor>("pixorly-mask-editor"), "the editor");
  await until(() => editor.src, "the picture");
  return editor;
}

export const Empty: Story = {};

export const Painted: Story = {
  name: "Painted (brush, then eraser)",
  play: async ({ canvasElement }) => {
    const editor = await editorOf(canvasElement);
    await paint(
      editor,
      [
        [300, 300],
        [520, 380],
        [700, 420],
        [760, 600],
      ],
      1,
    );
    editor.tool = "eraser";
    editor.brushSize = 40;
    await paint(
      editor,
      [
        [480, 300],
        [560, 460],
      ],
      2,
    );
  },
};

export const Zoomed: Story = {
  name: "Zoomed in ×2, soft brush",
  args: { zoom: 2, feather: 80 },
  play: Painted.play,
};

export const Dark: Story = { globals: { theme: "dark" }, play: Painted.play };
