/**
 * An esbuild plugin for `dist/pixorly.js`: squeezes the whitespace out of the static text of
 * lit's `html` and `css` tagged templates, which esbuild's minifier leaves untouched (it
 * cannot know what a tag does with the text). Worth ~0.5 KB gzipped.
 *
 * Only whitespace and CSS comments change, and only where that cannot change a rendering:
 *   css   comments go, runs of whitespace become one space, none around `{ } ; ,`;
 *   html  a run of whitespace holding a line break becomes one space — HTML collapses such a
 *         run to one space anyway (no template has a `<pre>` or `<textarea>` with content).
 * Expressions (`${…}`, including nested templates) are scanned, not rewritten.
 */
import fs from "node:fs";

/** @returns {import('esbuild').Plugin} */
export function minifyTemplatesPlugin(srcDir) {
  return {
    name: "minify-lit-templates",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(srcDir)) return undefined;
        return { contents: minifyTemplates(await fs.promises.readFile(args.path, "utf8"), args.path), loader: "ts" };
      });
    },
  };
}

const squeeze = {
  css: (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/ ?([{};,]) ?/g, "$1"),
  html: (text) => text.replace(/\s*\n\s*/g, " "),
};

/** Rewrites the static parts of `html` / `css` templates in TypeScript source. */
export function minifyTemplates(source, file = "<source>") {
  let out = "";
  let i = 0;
  const fail = (why) => {
    throw new Error(`minify-templates: ${why} in ${file} at offset ${i}`);
  };

  /** Copies code up to (not including) the `}` that closes a `${`, or to the end when `inExpression` is false. */
  function code(inExpression) {
    let depth = 0;
    while (i < source.length) {
      const c = source[i];
      if (c === "/" && source[i + 1] === "/") {
        const end = source.indexOf("\n", i);
        const stop = end < 0 ? source.length : end;
        out += source.slice(i, stop);
        i = stop;
      } else if (c === "/" && source[i + 1] === "*") {
        const stop = source.indexOf("*/", i + 2) + 2;
        if (stop < 2) fail("unterminated comment");
        out += source.slice(i, stop);
        i = stop;
      } else if (c === '"' || c === "'") {
        quoted(c);
      } else if (c === "`") {
        template(/\b(html|css)\s*$/.exec(source.slice(Math.max(0, i - 8), i))?.[1]);
      } else {
        if (c === "{") depth++;
        if (c === "}") {
          if (depth === 0 && inExpression) return;
          depth--;
        }
        out += c;
        i++;
      }
    }
    if (inExpression) fail("unterminated ${…}");
  }

  function quoted(quote) {
    let j = i + 1;
    while (source[j] !== quote) {
      if (j >= source.length || source[j] === "\n") fail("unterminated string");
      j += source[j] === "\\" ? 2 : 1;
    }
    out += source.slice(i, j + 1);
    i = j + 1;
  }

  function template(tag) {
    out += "`";
    i++;
    let text = "";
    const flush = () => {
      out += tag ? squeeze[tag](text) : text;
      text = "";
    };
    for (;;) {
      if (i >= source.length) fail("unterminated template");
      const c = source[i];
      if (c === "\\") {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === "`") {
        flush();
        out += "`";
        i++;
        return;
      } else if (c === "$" && source[i + 1] === "{") {
        flush();
        out += "${";
        i += 2;
        code(true);
        out += "}";
        i++;
      } else {
        text += c;
        i++;
      }
    }
  }

  code(false);
  return out;
}
