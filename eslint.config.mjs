// One ESLint configuration for the whole repository (flat config): TypeScript everywhere, Lit and web-component
// rules for the elements. `npm run lint` checks it in `npm test`; formatting is Prettier's (prettier.config.mjs),
// so no stylistic rule is enabled here.
import js from "@eslint/js";
import lit from "eslint-plugin-lit";
import wc from "eslint-plugin-wc";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/_generated/**",
      "storybook-static/**",
      "**/.pixorly/**",
      "**/test-results/**",
      "**/playwright-report/**",
      "docs/screenshots/**",
      "**/*.d.ts",
      "packages/elements/custom-elements.json",
      "packages/elements/src/i18n/locales/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused code is the compiler's job (noUnusedLocals / noUnusedParameters), with its own exceptions.
      "@typescript-eslint/no-unused-vars": "off",
      // `any` is allowed at boundaries the code names (test doubles, Convex's untyped syscalls); review catches the rest.
      "@typescript-eslint/no-explicit-any": "off",
      // `// @ts-expect-error` on the plain-JS scripts the tests import is deliberate and explained where used.
      "@typescript-eslint/ban-ts-comment": [
        "error",
        { "ts-expect-error": "allow-with-description", "ts-ignore": true },
      ],
      "no-empty": ["error", { allowEmptyCatch: true }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      // A variable a closure reads before its one assignment (a server's handler, set up before the app) stays `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "no-console": "off",
      // Validators match control characters on purpose (names, headers, filenames must not hold them).
      "no-control-regex": "off",
    },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) in the browser tests are expressions by design.
    files: ["packages/elements/**/*.test.ts", "stories/**/*.test.ts"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
  {
    files: ["packages/elements/src/**/*.ts", "stories/**/*.ts"],
    ...lit.configs["flat/recommended"],
  },
  {
    files: ["packages/elements/src/**/*.ts"],
    ...wc.configs["flat/recommended"],
  },
);
