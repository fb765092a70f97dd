/**
 * The test page web-test-runner serves, plus one root `afterEach` that turns a failed assertion's `actual` and
 * `expected` into text when they are DOM nodes (`expect(focused).to.equal(button)`). web-test-runner sends
 * them to the runner through a stringifier that walks every enumerable property, inherited ones included; in
 * WebKit that walk over a node (and from it the whole document) never ends, so one failed assertion on an
 * element left the file running until the 5-minute limit, with no report. chai's message already names both.
 */
const PLAIN = `
const text = (value) =>
  value instanceof Node
    ? value instanceof Element
      ? "<" + value.localName + [...value.attributes].map((a) => " " + a.name + '="' + a.value + '"').join("") + ">"
      : value.nodeName
    : Array.isArray(value) && value.some((item) => item instanceof Node)
      ? "[" + value.map(text).join(", ") + "]"
      : value;
window.mocha.suite.afterEach(function () {
  const error = this.currentTest && this.currentTest.err;
  if (!error || typeof error !== "object") return;
  for (const key of ["actual", "expected"]) if (key in error) error[key] = text(error[key]);
});`;

/** `testRunnerHtml` for the config: the framework as by default, then the hook on the mocha it sets up (module scripts run in order). */
export function plainFailuresHtml(testFramework) {
  return `<!DOCTYPE html><html><head></head><body><script type="module" src="${testFramework}"></script><script type="module">${PLAIN}</script></body></html>`;
}
