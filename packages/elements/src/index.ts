/**
 * The package's main entry: every element class of the first paint (without defining tags)
 * and the whole client layer. Import a component's own entry (`@pixorly/elements/studio`) to
 * define its tag. The library views' classes come from `@pixorly/elements/library` (or their
 * own entries).
 */
export * from "./elements.js";
export { AuthSession, PixorlyClient, SignedUrlService } from "./client/index.js";
