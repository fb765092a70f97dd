// Tests and scripts/ run on Node, the library does not (it must run in Convex's V8 isolate).
// Declaring just the Node functions they call, instead of loading @types/node, keeps globals
// such as Buffer and process out of the type checker, so library code cannot use them by mistake.
declare module "node:zlib" {
  export function inflateSync(data: Uint8Array): Uint8Array;
  export function crc32(data: Uint8Array, value?: number): number;
}

declare module "node:fs" {
  export function mkdirSync(path: string, options?: { recursive?: boolean }): void;
  export function writeFileSync(path: string, data: Uint8Array | string): void;
}

// The sample script prints what it wrote; the timing test reads the clock.
declare const console: { log(...values: unknown[]): void };
declare const performance: { now(): number };

// The timing test counts this process's CPU time.
declare module "node:process" {
  export function cpuUsage(previous?: { user: number; system: number }): { user: number; system: number };
}
