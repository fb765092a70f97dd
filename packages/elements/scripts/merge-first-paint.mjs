/**
 * esbuild's code splitting puts the code that pixorly.js shares with its lazy chunks (lit, the
 * client layer, core) into chunks of their own, which pixorly.js imports statically: one more
 * round trip before the first paint (~40 ms in the elements benchmark). This folds those static
 * chunks back into pixorly.js, which re-exports their bindings under prefixed names, and points
 * the lazy chunks' imports of them at pixorly.js instead. Live bindings are kept (re-bundled by
 * esbuild, not copied by hand).
 */
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

/** `{a as b,c}` → [[local, exported]…] of an import or export clause. */
function clause(text) {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [local, exported = local] = part.split(/\s+as\s+/);
      return [local, exported];
    });
}

/** The names a chunk exports (its final `export{…}` statement). */
function exportsOf(code) {
  const match = code.match(/export\s*\{([^}]*)\}\s*;?\s*$/);
  if (!match) throw new Error("merge-first-paint: a chunk without a final export statement");
  return clause(match[1]).map(([, exported]) => exported);
}

/**
 * @param {string} dist the folder with pixorly.js and its chunks
 * @param {import('esbuild').Metafile} metafile the splitting build's metafile (updated in place)
 */
export async function mergeFirstPaint(dist, metafile) {
  const key = (file) => `dist/${file}`;
  const statics = [];
  const visit = (file) => {
    for (const { path: imported, kind } of metafile.outputs[key(file)].imports ?? []) {
      const name = path.basename(imported);
      if (kind === "import-statement" && !statics.includes(name)) {
        statics.push(name);
        visit(name);
      }
    }
  };
  visit("pixorly.js");
  if (statics.length === 0) return;

  const prefix = (index) => `__pixorly${index}_`;
  const wrapper = path.join(dist, ".pixorly-merge.js");
  fs.writeFileSync(
    wrapper,
    [
      'export * from "./pixorly.js";',
      ...statics.map((file, index) => {
        const names = exportsOf(fs.readFileSync(path.join(dist, file), "utf8"));
        return `export { ${names.map((name) => `${name} as ${prefix(index)}${name}`).join(", ")} } from "./${file}";`;
      }),
    ].join("\n"),
  );
  const merged = path.join(dist, ".pixorly-merged.js");
  await build({
    entryPoints: [wrapper],
    outfile: merged,
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
    plugins: [
      {
        // The lazy chunks stay files of their own.
        name: "lazy-chunks-external",
        setup(b) {
          b.onResolve({ filter: /^\.\/pixorly-/ }, (args) =>
            statics.includes(args.path.slice(2)) ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  fs.renameSync(merged, path.join(dist, "pixorly.js"));
  fs.rmSync(wrapper);

  // The lazy chunks now import those bindings from pixorly.js.
  const lazy = Object.keys(metafile.outputs)
    .filter((file) => file.endsWith(".js") && file !== key("pixorly.js") && !statics.includes(path.basename(file)))
    .map((file) => path.basename(file));
  for (const file of lazy) {
    const full = path.join(dist, file);
    let code = fs.readFileSync(full, "utf8");
    statics.forEach((chunk, index) => {
      const quoted = `["']\\./${chunk.replace(/[.]/g, "\\.")}["']`;
      code = code.replace(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*${quoted}`, "g"), (_, names) => {
        const renamed = clause(names).map(([imported, local]) => `${prefix(index)}${imported} as ${local}`);
        return `import{${renamed.join(",")}}from"./pixorly.js"`;
      });
      code = code.replace(new RegExp(`import\\s*${quoted}`, "g"), 'import"./pixorly.js"');
      if (code.includes(`./${chunk}`)) throw new Error(`merge-first-paint: ${file} still refers to ${chunk}`);
    });
    fs.writeFileSync(full, code);
  }

  // The metafile follows: pixorly.js now holds the static chunks' inputs.
  const entry = metafile.outputs[key("pixorly.js")];
  for (const file of statics) {
    const chunk = metafile.outputs[key(file)];
    for (const [input, { bytesInOutput }] of Object.entries(chunk.inputs)) {
      entry.inputs[input] = { bytesInOutput: (entry.inputs[input]?.bytesInOutput ?? 0) + bytesInOutput };
    }
    delete metafile.outputs[key(file)];
    fs.rmSync(path.join(dist, file));
  }
  entry.bytes = fs.statSync(path.join(dist, "pixorly.js")).size;
  entry.imports = (entry.imports ?? []).filter((imported) => imported.kind !== "import-statement");
  for (const file of lazy) {
    const output = metafile.outputs[key(file)];
    output.bytes = fs.statSync(path.join(dist, file)).size;
    output.imports = (output.imports ?? []).map((imported) =>
      statics.includes(path.basename(imported.path)) ? { ...imported, path: key("pixorly.js") } : imported,
    );
  }
}
