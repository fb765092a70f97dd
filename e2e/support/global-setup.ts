/**
 * Starts e2e/support/stack.ts as a child process (tsx, as `npm start` runs the services), waits for its
 * `PIXORLY_E2E {json}` line and hands the URLs to the journeys through the environment (workers inherit
 * it). The returned function stops the stack after the run. The stack's own output is shown only when
 * it fails to start, or with PIXORLY_E2E_VERBOSE=1.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const START_TIMEOUT_MS = 120_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "e2e/support/stack.ts")], {
    cwd: ROOT,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const verbose = process.env.PIXORLY_E2E_VERBOSE === "1";
  let output = "";
  const info = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The e2e stack did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (verbose) process.stdout.write(text);
      const line = /^PIXORLY_E2E (\{.*\})$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve(line[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The e2e stack exited (${code}) before it was ready:\n${output}`));
    });
  });
  process.env.PIXORLY_E2E = info;
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
}
