// One format for the whole repository. Double quotes and 120 columns: what most of the code already used
// (convex/, the edge API, convex-local, tests); the elements moved to it in one formatting commit.
export default {
  printWidth: 120,
  singleQuote: false,
  trailingComma: "all",
  // Lit's html`` and css`` templates stay as written: their whitespace is rendered text.
  embeddedLanguageFormatting: "off",
};
