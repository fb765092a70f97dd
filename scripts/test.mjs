#!/usr/bin/env node
// `npm test`: type-check, then every workspace's tests, then the backend's tests at the root.
// Every suite runs even when an earlier one fails, and the end of the output says which failed, with the
// last lines each failing suite printed — so a CI log cut to its tail still shows what broke.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { countTests } from "./test-counts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TAIL_LINES = 60;
// The runners print their totals near the end; keep enough lines to find them.
const COUNT_LINES = 400;
// Lines that name a failed test in each runner's output: Vitest (`FAIL  file > test`, `×`), web-test-runner
// (`❌ test`, under its file and browser), Playwright (`✘`). Collected from the whole output, printed just above the
// summary, so a log cut to its tail still names the tests that broke.
const FAILURE_LINE = /^\s*(?:FAIL\s|×|✗|✘|❌|\d+\) \[)/;
const MAX_FAILURE_LINES = 20;
const ANSI = /\u001b\[[0-9;]*m/g;

function workspaces() {
  const list = [];
  const { workspaces: patterns } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const pattern of patterns) {
    const dirs = pattern.endsWith("/*") ? listDir(pattern.slice(0, -2)) : [pattern];
    for (const dir of dirs) {
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      } catch {
        continue;
      }
      if (manifest.scripts?.test) list.push({ name: dir, cwd: join(root, dir), command: ["npm", "run", "test"] });
    }
  }
  return list;
}

function listDir(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${dir}/${entry.name}`)
    .sort();
}

function run({ name, cwd, command }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const tail = [];
    const failures = [];
    let partial = "";
    const keep = (chunk) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const plain = line.replace(ANSI, "");
        if (FAILURE_LINE.test(plain) && failures.length < MAX_FAILURE_LINES && !failures.includes(plain.trim())) {
          failures.push(plain.trim());
        }
        tail.push(line);
        if (tail.length > COUNT_LINES) tail.shift();
      }
    };
    console.log(`\n=== ${name}: ${command.join(" ")}\n`);
    const child = spawn(command[0], command.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on("data", (chunk) => {
      process.stderr.write(chunk);
      keep(chunk);
    });
    child.on("close", (code, signal) => {
      if (partial) tail.push(partial);
      resolve({ name, code: code ?? 1, signal, seconds: (Date.now() - started) / 1000, tail, failures });
    });
  });
}

const only = process.argv.slice(2);
const suites = [
  { name: "typecheck", cwd: root, command: ["npm", "run", "typecheck"] },
  // One ESLint config and one Prettier format for the whole tree (eslint.config.mjs, prettier.config.mjs).
  { name: "lint and format", cwd: root, command: ["npm", "run", "lint"] },
  ...workspaces(),
  // Every view of the elements at 320/360/1280 px in Chromium: console errors, sideways scroll, tap targets, keyboard hints on touch.
  {
    name: "screenshots (packages/elements)",
    cwd: join(root, "packages/elements"),
    command: ["node", "scripts/screenshots.mjs", "--check"],
  },
  { name: "backend (convex/, tests/)", cwd: root, command: ["npx", "vitest", "run"] },
  // The Playwright journeys (playwright.config.ts): the whole offline stack in Chromium, and the user journey in
  // Firefox and WebKit through their own drivers (e2e/engines.spec.ts), about 4 minutes.
  { name: "e2e (playwright)", cwd: root, command: ["npm", "run", "test:e2e"] },
];
const chosen = suites.filter((suite) => only.length === 0 || only.some((word) => suite.name.includes(word)));
if (chosen.length === 0) {
  console.error(
    `npm test: no suite matches ${only.map((word) => JSON.stringify(word)).join(", ")}; the suites are: ${suites.map((suite) => suite.name).join(", ")}`,
  );
  process.exit(2);
}

const results = [];
for (const suite of chosen) results.push(await run(suite));

const failed = results.filter((result) => result.code !== 0);
for (const result of failed) {
  console.log(
    `\n=== ${result.name} FAILED (exit ${result.code}${result.signal ? `, ${result.signal}` : ""}); its last lines:\n`,
  );
  console.log(result.tail.slice(-TAIL_LINES).join("\n"));
}
for (const result of failed) {
  if (result.failures.length === 0) continue;
  console.log(`\n=== the tests that failed in ${result.name}:`);
  for (const line of result.failures) console.log(`  ${line}`);
}
console.log("\n=== npm test summary");
let passed = 0;
let failedTests = 0;
for (const result of results) {
  const counts = countTests(result.tail, result.code === 0);
  passed += counts.passed;
  failedTests += counts.failed;
  console.log(
    `${result.code === 0 ? "ok    " : "FAILED"} ${result.name.padEnd(32)} ${result.seconds.toFixed(0).padStart(4)} s` +
      `  ${counts.label}`,
  );
}
// The closing line in the plain form CI reads ("N passed, N failed").
console.log(`\ntests: ${passed} passed, ${failedTests} failed`);
process.exitCode = failed.length === 0 ? 0 : 1;
