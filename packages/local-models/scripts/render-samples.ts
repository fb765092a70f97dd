// Renders sample images for eyeballing: npm run samples [-- <prompt>...]
import { mkdirSync, writeFileSync } from "node:fs";
import { localModels, renderLocalImage } from "../src/models";

const OUT_DIR = "/tmp/pixorly-samples";
const PROMPTS = [
  "blue ocean at night",
  "fiery sunset over the mountains",
  "emerald forest, calm and misty",
  "neon cyberpunk city",
  "a quiet pastel spring morning",
  "golden desert storm",
];

mkdirSync(OUT_DIR, { recursive: true });
for (const model of localModels) {
  PROMPTS.forEach((prompt, i) => {
    const started = Date.now();
    const { png } = renderLocalImage({ model: model.id, prompt, seed: 1, width: 512, height: 512 });
    const file = `${OUT_DIR}/${model.style}-${i}.png`;
    writeFileSync(file, png);
    console.log(`${file}  ${Date.now() - started} ms  ${png.length} bytes  "${prompt}"`);
  });
}
