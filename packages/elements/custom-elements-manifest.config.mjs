/**
 * `npm run analyze`: the custom-elements manifest from the component classes' JSDoc.
 * Tags are registered by `Class.define('pixorly-…')` in the define files, which the
 * analyzer does not know, so a small plugin reads those calls and marks the classes.
 */
const tagsByClass = new Map();

function pixorlyDefineCalls() {
  return {
    name: 'pixorly-define-calls',
    analyzePhase({ ts, node }) {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const { expression, name } = node.expression;
      const [tag] = node.arguments;
      if (name.text === 'define' && ts.isIdentifier(expression) && tag && ts.isStringLiteral(tag) && tag.text.startsWith('pixorly-')) {
        tagsByClass.set(expression.text, tag.text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          // The base class is a LitElement but never a tag of its own.
          if (declaration.name === 'PixorlyElement') delete declaration.customElement;
          const tag = tagsByClass.get(declaration.name);
          if (declaration.kind !== 'class' || !tag) continue;
          declaration.customElement = true;
          declaration.tagName = tag;
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**', 'src/**/*.styles.ts', 'src/react/**'],
  outdir: '.',
  litelement: true,
  plugins: [pixorlyDefineCalls()],
};
