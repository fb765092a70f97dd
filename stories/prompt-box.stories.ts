/** `<pixorly-prompt-box>`: basic and advanced, a long prompt, errors from the backend, comparison, waiting. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { ConvexError } from "convex/values";
import { html } from "lit";
import "../packages/elements/src/prompt-box/prompt-box.js";
import type { PixorlyPromptBox } from "../packages/elements/src/prompt-box/prompt-box.component.js";
import { CATALOG, LONG_PROMPT } from "./in-memory/seed.js";
import { storyClient, withClient } from "./support/with-client.js";
import { until } from "./support/until.js";

type BoxArgs = { mode: "basic" | "advanced"; submitting: boolean; "model-id": string };

const flux = CATALOG.find((model) => model.id === "black-forest-labs/flux-1.1-pro")!;

function box(args: BoxArgs, options: Parameters<typeof storyClient>[1] = {}) {
  return withClient(
    storyClient({ images: 5 }, options),
    html`<pixorly-prompt-box model-id=${args["model-id"]} mode=${args.mode} ?submitting=${args.submitting} user-key="user_storybook"></pixorly-prompt-box>`,
  );
}

async function boxOf(canvasElement: HTMLElement): Promise<PixorlyPromptBox> {
  const element = canvasElement.querySelector<PixorlyPromptBox>("pixorly-prompt-box")!;
  await until(() => element.shadowRoot?.querySelector("textarea"), "the prompt box to be ready");
  return element;
}

const meta: Meta<BoxArgs> = {
  title: "Elements/Prompt box",
  component: "pixorly-prompt-box",
  args: { mode: "basic", submitting: false, "model-id": "local/aurora" },
  argTypes: {
    mode: { control: "inline-radio", options: ["basic", "advanced"] },
    "model-id": { control: "select", options: CATALOG.map((model) => model.id) },
  },
  render: (args) => box(args),
};
export default meta;

type Story = StoryObj<BoxArgs>;

export const Basic: Story = {};
export const Advanced: Story = {
  name: "Advanced (steps, guidance, negative prompt)",
  args: { mode: "advanced", "model-id": flux.id },
};
export const LongPrompt: Story = {
  play: async ({ canvasElement }) => {
    const element = await boxOf(canvasElement);
    element.applySettings({ prompt: LONG_PROMPT, parameters: { width: 1024, height: 768, numImages: 2 } });
  },
};
export const Submitting: Story = { args: { submitting: true } };
export const ValidationErrors: Story = {
  name: "Error: invalid fields",
  args: { mode: "advanced", "model-id": flux.id },
  play: async ({ canvasElement }) => {
    const element = await boxOf(canvasElement);
    element.showError(
      new ConvexError({
        code: "INVALID_ARGUMENT",
        message: "Some of the request is not valid.",
        fields: [
          { field: "prompt", message: "Write a prompt first." },
          { field: "parameters.steps", message: "Steps must be from 1 to 50." },
        ],
      }),
    );
  },
};
export const NoCredits: Story = {
  name: "Error: not enough credits",
  play: async ({ canvasElement }) => {
    const element = await boxOf(canvasElement);
    element.showError(
      new ConvexError({ code: "INSUFFICIENT_CREDITS", message: "You do not have enough credits for this." }),
    );
  },
};
export const Moderation: Story = {
  name: "Error: prompt refused",
  play: async ({ canvasElement }) => {
    const element = await boxOf(canvasElement);
    element.showError(
      new ConvexError({ code: "MODERATION_REJECTED", message: "This prompt is not allowed by the content policy." }),
    );
  },
};
export const Comparing: Story = {
  name: "Comparing three models",
  render: (args) => {
    const host = box(args);
    host.querySelector<PixorlyPromptBox>("pixorly-prompt-box")!.compareModels = CATALOG.slice(0, 3);
    return host;
  },
};
export const Loading: Story = {
  name: "Loading (catalog not there yet)",
  render: (args) => box(args, { mode: "loading" }),
};
export const ImageInput: Story = {
  name: "Image input (a model that takes one)",
  args: { "model-id": "local/aurora" },
};
export const ImageChosen: Story = {
  name: "Image chosen from the library, strength",
  play: async ({ canvasElement }) => {
    const element = await boxOf(canvasElement);
    await until(() => element.shadowRoot?.querySelector<HTMLButtonElement>(".library-button"), "the image input").then(
      (b) => b.click(),
    );
    await until(() => element.shadowRoot?.querySelector<HTMLButtonElement>(".library-choice"), "the library").then(
      (b) => b.click(),
    );
  },
};
export const Upscaler: Story = {
  name: "An upscaler (needs an image, ×2 / ×4)",
  args: { "model-id": "local/upscale" },
  play: ImageChosen.play,
};
export const Dark: Story = { globals: { theme: "dark" }, args: { mode: "advanced", "model-id": flux.id } };
