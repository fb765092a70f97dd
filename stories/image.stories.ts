/** `<pixorly-image>`: loaded, waiting on its placeholder, in other proportions, and an image that is gone. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/image/image.js";
import { storyClient, withClient } from "./support/with-client.js";

type ImageArgs = { "image-id": string; "request-width": number; sizes: string };

function image(args: ImageArgs, options: Parameters<typeof storyClient>[1] = {}) {
  return withClient(
    storyClient({ images: 8 }, options),
    html`<div style="max-width:24rem">
      <pixorly-image image-id=${args["image-id"]} request-width=${args["request-width"]} sizes=${args.sizes}></pixorly-image>
    </div>`,
  );
}

const meta: Meta<ImageArgs> = {
  title: "Elements/Image",
  component: "pixorly-image",
  args: { "image-id": "img_00000", "request-width": 512, sizes: "" },
  render: (args) => image(args),
};
export default meta;

type Story = StoryObj<ImageArgs>;

export const Loaded: Story = {};
export const Landscape: Story = { args: { "image-id": "img_00003" } };
export const Portrait: Story = { args: { "image-id": "img_00002" } };
export const Responsive: Story = { name: "Responsive (srcset)", args: { sizes: "(min-width: 40rem) 24rem, 100vw" } };
export const Placeholder: Story = {
  name: "Placeholder (image on its way)",
  render: (args) => image(args, { holdImages: true }),
};
export const NotFound: Story = { args: { "image-id": "img_gone" } };
export const Loading: Story = { render: (args) => image(args, { mode: "loading" }) };
