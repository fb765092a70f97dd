/**
 * `npm run analyze`: the custom-elements manifest from the component classes' JSDoc.
 * Tags are registered by `Class.define('pixorly-…')` in the define files (and through a
 * class's `static dependencies`), which the analyzer does not know, so a small plugin reads
 * both and marks the classes.
 */
const tagsByClass = new Map();

function pixorlyDefineCalls() {
  return {
    name: "pixorly-define-calls",
    analyzePhase({ ts, node }) {
      // `static dependencies = { 'pixorly-…': Class }`: elements registered by the one that renders them.
      if (
        ts.isPropertyDeclaration(node) &&
        node.name.getText() === "dependencies" &&
        node.initializer &&
        ts.isObjectLiteralExpression(node.initializer)
      ) {
        for (const property of node.initializer.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            ts.isStringLiteral(property.name) &&
            ts.isIdentifier(property.initializer)
          ) {
            tagsByClass.set(property.initializer.text, property.name.text);
          }
        }
        return;
      }
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const { expression, name } = node.expression;
      const [tag] = node.arguments;
      if (
        name.text === "define" &&
        ts.isIdentifier(expression) &&
        tag &&
        ts.isStringLiteral(tag) &&
        tag.text.startsWith("pixorly-")
      ) {
        tagsByClass.set(expression.text, tag.text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          // The base class is a LitElement but never a tag of its own.
          if (declaration.name === "PixorlyElement") delete declaration.customElement;
          const tag = tagsByClass.get(declaration.name);
          if (declaration.kind !== "class" || !tag) continue;
          declaration.customElement = true;
          declaration.tagName = tag;
        }
      }
    },
  };
}

/**
 * Re-exported parts (issue 18, src/internal/parts.ts): a `@csspart X-* - … <pixorly-child> …` line stands for
 * every part of that child (its own and those it re-exports) as `X-P`; this lists them one by one, so the
 * manifest and the README name each part a page can style.
 */
function pixorlyExportedParts() {
  return {
    name: "pixorly-exported-parts",
    packageLinkPhase({ customElementsManifest }) {
      const byTag = new Map();
      for (const mod of customElementsManifest.modules)
        for (const declaration of mod.declarations ?? [])
          if (declaration.tagName) byTag.set(declaration.tagName, declaration);
      const expanded = new Set();
      const expand = (declaration) => {
        if (expanded.has(declaration)) return declaration.cssParts ?? [];
        expanded.add(declaration);
        declaration.cssParts = (declaration.cssParts ?? []).flatMap((part) => {
          if (!part.name.endsWith("-*")) return [part];
          const tag = /<(pixorly-[a-z-]+)>/.exec(part.description ?? "")?.[1];
          const child = tag && byTag.get(tag);
          if (!child)
            throw new Error(`${declaration.tagName}: @csspart ${part.name} names no known <pixorly-…> element`);
          const prefix = part.name.slice(0, -1);
          return expand(child).map((childPart) => ({
            name: `${prefix}${childPart.name}`,
            description: `\`<${tag}>\` (re-exported): ${childPart.description ?? ""}`.trim(),
          }));
        });
        return declaration.cssParts;
      };
      for (const declaration of byTag.values()) expand(declaration);
    },
  };
}

export default {
  globs: ["src/**/*.ts"],
  exclude: ["src/**/*.test.ts", "src/test/**", "src/**/*.styles.ts", "src/react/**"],
  outdir: ".",
  litelement: true,
  plugins: [pixorlyDefineCalls(), pixorlyExportedParts()],
};
