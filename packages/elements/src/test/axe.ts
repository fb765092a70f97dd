import type * as Axe from "axe-core";

type AxeEngine = typeof Axe;

let loading: Promise<AxeEngine> | undefined;

/**
 * axe-core is a UMD script, not an ES module: it is added as a classic script
 * (served from the repository's node_modules by the test server) once per page.
 */
function loadAxe(): Promise<AxeEngine> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "/node_modules/axe-core/axe.min.js";
    script.onload = () => resolve((window as unknown as { axe: AxeEngine }).axe);
    script.onerror = () => reject(new Error("Could not load axe-core"));
    document.head.append(script);
  });
  return loading;
}

/**
 * Runs axe-core on an element (its shadow DOM included) and throws listing every
 * violation with the offending nodes, so a failing test says what to fix.
 */
export async function expectNoAxeViolations(element: Element, options: Axe.RunOptions = {}): Promise<void> {
  const axe = await loadAxe();
  const results = await axe.run(element, { resultTypes: ["violations"], ...options });
  if (results.violations.length === 0) return;
  const report = results.violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n"),
    )
    .join("\n");
  throw new Error(`axe found ${results.violations.length} accessibility violation(s):\n${report}`);
}
