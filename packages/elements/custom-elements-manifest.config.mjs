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

export default {
  globs: ["src/**/*.ts"],
  exclude: ["src/**/*.test.ts", "src/test/**", "src/**/*.styles.ts", "src/react/**"],
  outdir: ".",
  litelement: true,
  plugins: [pixorlyDefineCalls()],
};
