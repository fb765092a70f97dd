/** `<pixorly-collections>`: the list, one collection opened, none yet, loading, failing. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/collections/collections.js";
import type { PixorlyCollections } from "../packages/elements/src/collections/collections.component.js";
import { storyClient, withClient } from "./support/with-client.js";
import { until } from "./support/until.js";

type CollectionsArgs = { "share-url": string };

function collections(args: CollectionsArgs, images: number, options: Parameters<typeof storyClient>[1] = {}) {
  return withClient(
    storyClient({ images }, options),
    html`<pixorly-collections share-url=${args["share-url"]}></pixorly-collections>`,
  );
}

const meta: Meta<CollectionsArgs> = {
  title: "Library/Collections",
  component: "pixorly-collections",
  args: { "share-url": "https://example.com/shared/{shareId}" },
  render: (args) => collections(args, 200),
};
export default meta;

type Story = StoryObj<CollectionsArgs>;

export const List: Story = {};
export const Opened: Story = {
  name: "A collection opened",
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector<PixorlyCollections>("pixorly-collections")!;
    const open = await until(
      () => element.shadowRoot?.querySelector<HTMLButtonElement>('[part~="card"] button.cover'),
      "the first card",
    );
    open.click();
  },
};
export const Empty: Story = { name: "Empty (no collections yet)", render: (args) => collections(args, 0) };
export const Loading: Story = { render: (args) => collections(args, 200, { mode: "loading" }) };
export const Failing: Story = { name: "Error", render: (args) => collections(args, 200, { mode: "error" }) };
export const Dark: Story = { globals: { theme: "dark" } };
