/** `<pixorly-recent-results>`: the strip of the latest images — full, empty, loading, failing. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/recent-results/recent-results.js";
import { storyClient, withClient } from "./support/with-client.js";

type StripArgs = { limit: number; label: string; "selected-id": string };

function strip(args: StripArgs, images: number, mode?: "loading" | "error") {
  return withClient(
    storyClient({ images }, { mode }),
    html`<pixorly-recent-results limit=${args.limit} label=${args.label} selected-id=${args["selected-id"]}></pixorly-recent-results>`,
  );
}

const meta: Meta<StripArgs> = {
  title: "Elements/Recent results",
  component: "pixorly-recent-results",
  args: { limit: 12, label: "Recent images", "selected-id": "" },
  render: (args) => strip(args, 40),
};
export default meta;

type Story = StoryObj<StripArgs>;

export const ManyImages: Story = {};
export const Selected: Story = { args: { "selected-id": "img_00002" } };
export const Empty: Story = { render: (args) => strip(args, 0) };
export const Loading: Story = { render: (args) => strip(args, 40, "loading") };
export const Failing: Story = { name: "Error", render: (args) => strip(args, 40, "error") };
export const Dark: Story = { globals: { theme: "dark" } };
