/** `<pixorly-lightbox>` on its own: an image with its metadata and actions, zoomed to 100 %, dark. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/lightbox/lightbox.js";
import type { ImageDoc } from "../packages/elements/src/client/api.js";
import type { PixorlyLightbox } from "../packages/elements/src/lightbox/lightbox.component.js";
import { storyClient, withClient } from "./support/with-client.js";
import { until } from "./support/until.js";

type LightboxArgs = { index: number };

const meta: Meta<LightboxArgs> = {
  title: "Library/Lightbox",
  component: "pixorly-lightbox",
  args: { index: 1 },
  render: (args) => {
    const client = storyClient({ images: 40 });
    const { page } = client.backend.query("images:list", { paginationOpts: { numItems: 12, cursor: null } }) as {
      page: ImageDoc[];
    };
    const host = withClient(client, html`<pixorly-lightbox .images=${page} index=${args.index}></pixorly-lightbox>`);
    return host;
  },
  play: async ({ canvasElement }) => {
    const lightbox = await until(
      () => canvasElement.querySelector<PixorlyLightbox>("pixorly-lightbox"),
      "the lightbox",
    );
    await lightbox.updateComplete;
    lightbox.show(lightbox.images, lightbox.index);
  },
};
export default meta;

type Story = StoryObj<LightboxArgs>;

export const Open: Story = {};
export const FirstImage: Story = { args: { index: 0 } };
export const Zoomed: Story = {
  name: "Zoomed to 100 %",
  play: async (context) => {
    await meta.play!(context);
    const lightbox = context.canvasElement.querySelector<PixorlyLightbox>("pixorly-lightbox")!;
    await until(() => lightbox.shadowRoot?.querySelector<HTMLButtonElement>("button.zoom"), "the zoom button").then(
      (button) => button.click(),
    );
  },
};
export const Dark: Story = { globals: { theme: "dark" } };
export const EditArea: Story = {
  name: "Edit area (mask editor)",
  play: async (context) => {
    await meta.play!(context);
    const lightbox = context.canvasElement.querySelector<PixorlyLightbox>("pixorly-lightbox")!;
    const button = await until(
      () => lightbox.shadowRoot?.querySelector<HTMLButtonElement>("button.edit-area:not([disabled])"),
      "the Edit area button",
    );
    button.click();
    await until(() => lightbox.shadowRoot?.querySelector("pixorly-mask-editor"), "the mask editor");
  },
};
export const Lineage: Story = {
  name: "Made from (lineage)",
  render: (args) => {
    const client = storyClient({ images: 40 });
    const [made, source, original] = client.backend.images.slice(1, 4);
    made!.lineage = { operation: "upscale", sourceImageId: source!._id };
    source!.lineage = { operation: "variations", sourceImageId: original!._id };
    const { page } = client.backend.query("images:list", { paginationOpts: { numItems: 12, cursor: null } }) as {
      page: ImageDoc[];
    };
    return withClient(client, html`<pixorly-lightbox .images=${page} index=${args.index}></pixorly-lightbox>`);
  },
  play: async (context) => {
    await meta.play!(context);
    const lightbox = context.canvasElement.querySelector<PixorlyLightbox>("pixorly-lightbox")!;
    await until(() => lightbox.shadowRoot?.querySelector(".lineage"), "the lineage");
  },
};
