/**
 * `console.time` / `timeLog` / `timeEnd` inside a function, as Convex prints them: whole
 * milliseconds at level INFO (`[INFO] label: 12ms`), each call with its own labels.
 */
export function installFunctionTimers(current: () => object | undefined, print: (line: string) => void) {
  const timers = new WeakMap<object, Map<string, number>>();
  const original = { time: console.time, timeLog: console.timeLog, timeEnd: console.timeEnd };
  const labelsOf = (owner: object) => {
    let labels = timers.get(owner);
    if (!labels) timers.set(owner, (labels = new Map()));
    return labels;
  };
  console.time = (label = "default") => {
    const owner = current();
    if (!owner) return original.time.call(console, label);
    labelsOf(owner).set(String(label), Date.now());
  };
  const report =
    (end: boolean) =>
    (label = "default", ...data: unknown[]) => {
      const owner = current();
      if (!owner) return (end ? original.timeEnd : original.timeLog).call(console, label, ...data);
      const labels = labelsOf(owner);
      const started = labels.get(String(label));
      if (started === undefined) return print(`[WARN] Timer '${label}' does not exist`);
      if (end) labels.delete(String(label));
      const extra = data.length ? ` ${data.map(String).join(" ")}` : "";
      print(`[INFO] ${label}: ${Date.now() - started}ms${extra}`);
    };
  console.timeLog = report(false);
  console.timeEnd = report(true);
}
