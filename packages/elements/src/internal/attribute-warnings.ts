/**
 * Attribute values an element does not know (`theme="neon"`) used to be ignored silently. They are
 * a developer's mistake, so they go to the console, once per element and attribute (renders repeat),
 * naming what is allowed; visitors see nothing (the element keeps its default).
 */
const warned = new WeakMap<Element, Set<string>>();

/** Warns once per `element` + `attribute` when `value` is not one of `allowed`; returns whether it is allowed. */
export function checkAttributeValue(
  element: Element,
  attribute: string,
  value: unknown,
  allowed: readonly string[],
): boolean {
  if (typeof value === "string" && allowed.includes(value)) return true;
  const seen = warned.get(element) ?? new Set<string>();
  warned.set(element, seen);
  if (!seen.has(attribute)) {
    seen.add(attribute);
    console.warn(
      `[pixorly] <${element.localName}> ${attribute}="${String(value)}" is not a known value; ` +
        `use one of ${allowed.map((a) => `"${a}"`).join(", ")}. The default is used instead.`,
    );
  }
  return false;
}
