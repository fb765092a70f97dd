/**
 * What every story shares: controls from the elements' custom-elements manifest (the same
 * JSDoc that documents them in the README), the Theme switch (the studio's palettes around
 * each element), accessibility checks that count as failures, and a clean slate per story —
 * the previous story's in-memory clients are closed before the next one renders.
 */
import { setCustomElementsManifest, type Preview } from "@storybook/web-components-vite";
import { html } from "lit";
import manifest from "../../packages/elements/custom-elements.json";
import { closeStoryClients } from "../support/with-client.js";
import "../support/theme-surface.js";

setCustomElementsManifest(manifest);

const preview: Preview = {
  decorators: [
    (story, context) =>
      context.parameters.surface === false
        ? story()
        : html`<pixorly-story-surface theme=${context.globals.theme === "dark" ? "dark" : "light"}>${story()}</pixorly-story-surface>`,
  ],
  globalTypes: {
    theme: {
      description: "The studio palette around each element",
      toolbar: { title: "Theme", icon: "mirror", items: ["light", "dark"], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: "light" },
  beforeEach: async () => {
    await closeStoryClients();
  },
  parameters: {
    layout: "fullscreen",
    controls: { expanded: true },
    // Violations fail the story in the test runner and show as errors in the panel.
    a11y: { test: "error" },
  },
};

export default preview;
