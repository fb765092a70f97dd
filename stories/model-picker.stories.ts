/** `<pixorly-model-picker>`: grid and list, choosing several to compare, the catalog loading, failing or empty. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html, nothing } from "lit";
import "../packages/elements/src/model-picker/model-picker.js";
import type { ModelInfo } from "@pixorly/core";
import { CATALOG } from "./in-memory/seed.js";
import { storyClient, withClient } from "./support/with-client.js";

type PickerArgs = { view: "grid" | "list"; compare: boolean; value: string; label: string };

function picker(
  args: PickerArgs,
  { models, values = [], mode }: { models?: ModelInfo[]; values?: string[]; mode?: "loading" | "error" } = {},
) {
  return withClient(
    storyClient({}, { mode }),
    html`<pixorly-model-picker
      view=${args.view}
      ?compare=${args.compare}
      value=${args.value}
      label=${args.label}
      .values=${values}
      .models=${models ?? nothing}
    ></pixorly-model-picker>`,
  );
}

const meta: Meta<PickerArgs> = {
  title: "Elements/Model picker",
  component: "pixorly-model-picker",
  args: { view: "grid", compare: false, value: "local/aurora", label: "Model" },
  argTypes: {
    view: { control: "inline-radio", options: ["grid", "list"] },
    value: { control: "select", options: CATALOG.map((model) => model.id) },
  },
  render: (args) => picker(args),
};
export default meta;

type Story = StoryObj<PickerArgs>;

export const Grid: Story = {};
export const List: Story = { args: { view: "list" } };
export const Compare: Story = {
  name: "Comparing (three chosen)",
  args: { compare: true },
  render: (args) => picker(args, { values: ["local/aurora", "local/mosaic", "google/gemini-2.5-flash-image"] }),
};
export const Loading: Story = { render: (args) => picker(args, { mode: "loading" }) };
export const Failing: Story = { name: "Error", render: (args) => picker(args, { mode: "error" }) };
export const Empty: Story = { name: "Empty (no models allowed)", render: (args) => picker(args, { models: [] }) };
export const Dark: Story = { globals: { theme: "dark" } };
