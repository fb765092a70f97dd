#!/usr/bin/env node
/**
 * Development aid: bundles src/test/preview.ts and saves PNG screenshots of each
 * scene at 360 px and 1280 px into .screenshots/ (git-ignored by the lead's rules: it
 * is build output). `node scripts/screenshots.mjs [scene…]`.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(root, '.screenshots');
const scenes = process.argv.slice(2).length ? process.argv.slice(2) : ['studio', 'studio-dark', 'bad-config', 'auth-expired', 'job-status', 'gallery', 'lightbox', 'lightbox-edit', 'collections', 'library', 'prompt-history'];

const VIEWPORT_ONLY = new Set(['gallery', 'lightbox', 'lightbox-edit', 'library']);

const bundle = await build({
  entryPoints: [path.join(root, 'src/test/preview.ts')],
  bundle: true,
  format: 'esm',
  write: false,
  tsconfig: path.join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text;
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.PIXORLY_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const scene of scenes) {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      page.on('pageerror', (e) => console.error(`[${scene}] ${e.message}`));
      await page.setContent(
        `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><style>body{margin:0;padding:12px;font-family:system-ui,sans-serif}#root{display:grid;gap:12px}</style></head>` +
          `<body data-scene="${scene}"><div id="root"></div><script type="module">${script.replace(/<\/script>/g, '<\\/script>')}</script></body></html>`,
      );
      await page.waitForTimeout(1200);
      const file = path.join(out, `${scene}-${width}.png`);
      // A virtualized gallery is as tall as all its images would be: the viewport is what a person sees.
      await page.screenshot({ path: file, fullPage: !VIEWPORT_ONLY.has(scene) });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
