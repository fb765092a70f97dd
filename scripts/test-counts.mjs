// How many tests a suite of `npm test` ran, read from its runner's closing lines, so that npm test can end on
// the plain "N passed, N failed" line CI reads (scripts/test.mjs).

/**
 * The tests a suite ran, from its runner's closing lines: Vitest ("Tests  2 failed | 477 passed (479)"),
 * web-test-runner ("Chromium: |███| 35/35 test files | 236 passed, 0 failed", one line per browser),
 * Playwright ("  5 passed (1.8m)", "  1 failed"), the stories' renderer ("88 of 88 stories passed") and the
 * screenshot check ("7 views in 29.1 s"). A check without tests (type-check, lint) counts as one.
 */
export function countTests(lines, ok) {
  const clean = lines.map((line) => line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ""));
  let passed = 0;
  let failed = 0;
  let found = false;
  const browsers = new Map();
  for (const line of clean) {
    let m;
    if ((m = /^\s*Tests\s+(?:(\d+) failed \| )?(?:\d+ skipped \| )?(\d+) passed/.exec(line))) {
      failed += Number(m[1] ?? 0);
      passed += Number(m[2]);
      found = true;
    } else if ((m = /^\s*Tests\s+(\d+) failed/.exec(line))) {
      failed += Number(m[1]);
      found = true;
    } else if ((m = /^(\w+):\s*\|.*\|\s*(\d+) passed, (\d+) failed/.exec(line))) {
      browsers.set(m[1], [Number(m[2]), Number(m[3])]);
    } else if ((m = /^\s+(\d+) (passed|failed|flaky)( \(.*\))?$/.exec(line))) {
      if (m[2] === "failed") failed += Number(m[1]);
      else passed += Number(m[1]);
      found = true;
    } else if ((m = /^(\d+) of (\d+) stories passed/.exec(line))) {
      passed += Number(m[1]);
      failed += Number(m[2]) - Number(m[1]);
      found = true;
    } else if ((m = /^(\d+) views in /.exec(line))) {
      passed += Number(m[1]);
      found = true;
    }
  }
  for (const [p, f] of browsers.values()) {
    passed += p;
    failed += f;
    found = true;
  }
  if (!found)
    return ok ? { passed: 1, failed: 0, label: "1 check" } : { passed: 0, failed: 1, label: "1 check failed" };
  if (!ok && failed === 0) failed = 1;
  return { passed, failed, label: `${passed} passed, ${failed} failed` };
}
