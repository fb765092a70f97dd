/** `<pixorly-gallery>`: thousands of images (virtualized), masonry, a selection, search with no match, empty, loading, failing. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/gallery/gallery.js";
import type { PixorlyGallery } from "../packages/elements/src/gallery/gallery.component.js";
import { storyClient, withClient } from "./support/with-client.js";
import { until } from "./support/until.js";

type GalleryArgs = { layout: "grid" | "masonry"; "item-size": number; "page-size": number; "undo-seconds": number };

function gallery(args: GalleryArgs, images: number, options: Parameters<typeof storyClient>[1] = {}) {
  return withClient(
    storyClient({ images }, options),
    html`<pixorly-gallery layout=${args.layout} item-size=${args["item-size"]} page-size=${args["page-size"]} undo-seconds=${args["undo-seconds"]}></pixorly-gallery>`,
  );
}

function tile(canvasElement: HTMLElement, index: number): HTMLElement | null | undefined {
  return canvasElement
    .querySelector<PixorlyGallery>("pixorly-gallery")
    ?.shadowRoot?.querySelector<HTMLElement>(`[part~="tile"][data-index="${index}"]`);
}

const meta: Meta<GalleryArgs> = {
  title: "Library/Gallery",
  component: "pixorly-gallery",
  args: { layout: "grid", "item-size": 0, "page-size": 60, "undo-seconds": 8 },
  argTypes: { layout: { control: "inline-radio", options: ["grid", "masonry"] } },
  render: (args) => gallery(args, 5_000),
};
export default meta;

type Story = StoryObj<GalleryArgs>;

/** 5,000 images, 60 a page, loaded as you scroll; only the tiles near the viewport are in the DOM. */
export const ThousandsOfImages: Story = { name: "5,000 images" };
export const Masonry: Story = { args: { layout: "masonry" }, render: (args) => gallery(args, 300) };
export const Selection: Story = {
  name: "Three selected (bulk actions)",
  render: (args) => gallery(args, 300),
  play: async ({ canvasElement }) => {
    for (const index of [1, 2, 4]) {
      const target = await until(() => tile(canvasElement, index), `tile ${index}`);
      target.dispatchEvent(new MouseEvent("click", { ctrlKey: true, bubbles: true, composed: true }));
    }
  },
};
export const Lightbox: Story = {
  name: "Image opened (lightbox)",
  render: (args) => gallery(args, 300),
  play: async ({ canvasElement }) => {
    (await until(() => tile(canvasElement, 1), "tile 1")).click();
  },
};
export const Empty: Story = { render: (args) => gallery(args, 0) };
export const Loading: Story = { render: (args) => gallery(args, 300, { mode: "loading" }) };
export const Failing: Story = { name: "Error", render: (args) => gallery(args, 300, { mode: "error" }) };
export const Dark: Story = { render: (args) => gallery(args, 300), globals: { theme: "dark" } };
