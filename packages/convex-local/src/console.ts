/**
 * Inside a function, `console.*` output goes to the server log (tagged with the
 * function) and into the call's log lines, which clients print, as on Convex.
 * `fetch` is refused in queries and mutations, as Convex refuses it.
 */
import { format } from "node:util";
import { executions } from "./context.js";
import type { Logger } from "./engine.js";
import { installFunctionTimers } from "./timers.js";

let installed = false;

export function installFunctionConsole(log: () => Logger) {
  if (installed) return;
  installed = true;
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const ctx = executions.getStore();
      if (!ctx) return original(...args);
      const line = `[${level.toUpperCase()}] ${format(...args)}`;
      ctx.logLines.push(line);
      // Outside the function's context: a logger that itself prints with console.* (the CLI's
      // does) must reach the real console, not come back here and recurse.
      executions.exit(() => log()(`  ${ctx.udfPath} ${line}`));
    };
  }
  installFunctionTimers(
    () => executions.getStore(),
    (line) => {
      const ctx = executions.getStore()!;
      ctx.logLines.push(line);
      executions.exit(() => log()(`  ${ctx.udfPath} ${line}`));
    },
  );
  const originalFetch = globalThis.fetch;
  globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
    const kind = executions.getStore()?.kind;
    if (kind === "query" || kind === "mutation") {
      return Promise.reject(
        new Error(
          `Can't use fetch() in ${kind === "query" ? "queries" : "mutations"}. Please consider using an action.`,
        ),
      );
    }
    return originalFetch(...args);
  }) as typeof fetch;
}
