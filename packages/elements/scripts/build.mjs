#!/usr/bin/env node
/**
 * `npm run build`:
 *   dist/<component>/…      ES modules per component (lit, convex and other npm packages stay imports;
 *                           the private @pixorly/core is bundled in) + .d.ts from tsc
 *   dist/react/index.js     React wrappers (`@pixorly/elements/react`)
 *   dist/pixorly.js         one minified file that defines every element, all dependencies inside
 *   dist/pixorly.meta.json  esbuild's metafile for that bundle (the benchmark splits its size by package)
 *   custom-elements.json    from the component classes' JSDoc
 * `--bundle-only` builds just dist/pixorly.js (what the tests load in a page).
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const bundleOnly = process.argv.includes('--bundle-only');
const tsconfig = path.join(root, 'tsconfig.json');
const bin = (name) => path.join(root, '../../node_modules/.bin', name);
const started = Date.now();

/** `src/<name>/<name>.ts` define files, and the component classes beside them. */
function componentEntries() {
  const entries = [];
  for (const name of fs.readdirSync(src)) {
    const define = path.join(src, name, `${name}.ts`);
    if (!fs.existsSync(define)) continue;
    entries.push(define);
    const component = path.join(src, name, `${name}.component.ts`);
    if (fs.existsSync(component)) entries.push(component);
  }
  return entries;
}

/**
 * `import { z } from 'zod'` (how packages/core imports it) makes esbuild keep every zod
 * locale (~260 KB minified): it cannot shake a namespace that is re-exported as a binding,
 * which Rollup and webpack can. `import * as z from 'zod'` is the same object and shakes,
 * so core's imports are rewritten to it while bundling. (Core adopting that spelling
 * would make this plugin unnecessary.)
 */
const shakableZod = {
  name: 'shakable-zod',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]packages[\\/]core[\\/]src[\\/].*\.ts$/ }, async ({ path: file }) => ({
      contents: fs.readFileSync(file, 'utf8').replace(/import \{ z \} from (['"])zod\1;/g, "import * as z from 'zod';"),
      loader: 'ts',
    }));
  },
};

async function buildBundle() {
  const result = await build({
    entryPoints: [path.join(src, 'pixorly.ts')],
    outfile: path.join(dist, 'pixorly.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    tsconfig,
    metafile: true,
    legalComments: 'none',
    plugins: [shakableZod],
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(dist, 'pixorly.meta.json'), JSON.stringify(result.metafile));
}

async function buildModules() {
  await build({
    entryPoints: [
      path.join(src, 'index.ts'),
      path.join(src, 'client/index.ts'),
      path.join(src, 'react/index.ts'),
      ...componentEntries(),
    ],
    outdir: dist,
    outbase: src,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    tsconfig,
    chunkNames: 'chunks/[name]-[hash]',
    // Published dependencies stay imports so an app bundles one copy of each.
    external: ['lit', 'lit/*', '@lit/*', 'convex', 'convex/*', 'thumbhash', 'zod', 'zod/*', 'react', 'react/*'],
    logLevel: 'warning',
  });
}

fs.mkdirSync(dist, { recursive: true });
if (bundleOnly) {
  await buildBundle();
} else {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(dist);
  await Promise.all([buildBundle(), buildModules()]);
  execFileSync(bin('tsc'), ['-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
}
console.log(`elements: built ${bundleOnly ? 'dist/pixorly.js' : 'dist/ and custom-elements.json'} in ${Date.now() - started} ms`);
