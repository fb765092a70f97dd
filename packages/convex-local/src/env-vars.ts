/**
 * The deployment's environment variables, as `npx convex env` manages them. Functions read them from
 * `process.env` (queries and mutations on this thread, actions in workers that share it), so a variable
 * set here is seen by the next call. What `env set`/`env remove` did is kept in the store's meta table
 * (a removal as `null`) and applied again on start, after `--env-file`: the CLI wins over the file.
 * The variables listed are those of the env file plus those set through the CLI, never the rest of
 * the server process's environment.
 */
import type { Store } from "./store.js";

const META_KEY = "environmentVariables";
/** Convex's limits: names like identifiers up to 40 characters, values up to 8 KiB. */
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;
const MAX_VALUE_BYTES = 8 * 1024;

export type EnvVarChange = { name: string; value: string | null };

export class EnvVarError extends Error {}

export class DeploymentEnv {
  private changes: Record<string, string | null>;
  private names: Set<string>;

  /** `fileNames`: the variables the env file defined (they belong to the deployment too). */
  constructor(
    private store: Store,
    fileNames: string[] = [],
  ) {
    this.changes = JSON.parse(store.getMeta(META_KEY) ?? "{}") as Record<string, string | null>;
    this.names = new Set(fileNames);
    for (const [name, value] of Object.entries(this.changes)) this.apply(name, value);
  }

  private apply(name: string, value: string | null) {
    if (value === null) {
      delete process.env[name];
      this.names.delete(name);
    } else {
      process.env[name] = value;
      this.names.add(name);
    }
  }

  /** Name → value, sorted by name. */
  list(): { name: string; value: string }[] {
    return [...this.names]
      .filter((name) => process.env[name] !== undefined)
      .sort()
      .map((name) => ({ name, value: process.env[name]! }));
  }

  get(name: string): { name: string; value: string } | null {
    return this.names.has(name) && process.env[name] !== undefined ? { name, value: process.env[name]! } : null;
  }

  asRecord(): Record<string, string> {
    return Object.fromEntries(this.list().map(({ name, value }) => [name, value]));
  }

  /** Checks every change first: a bad one changes nothing. */
  update(changes: unknown) {
    if (!Array.isArray(changes)) throw new EnvVarError("`changes` must be an array of { name, value } objects");
    const checked: EnvVarChange[] = changes.map((change, i) => {
      const { name, value } = (change ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name !== "string" || !NAME.test(name)) {
        throw new EnvVarError(
          `Invalid environment variable name ${JSON.stringify(name)} (changes[${i}].name): names start with a letter or "_", contain only letters, digits and "_", and have at most 40 characters`,
        );
      }
      if (value !== null && typeof value !== "string")
        throw new EnvVarError(`Environment variable ${name}: the value must be a string (or null to remove it)`);
      if (typeof value === "string" && Buffer.byteLength(value) > MAX_VALUE_BYTES) {
        throw new EnvVarError(`Environment variable ${name}: the value is longer than ${MAX_VALUE_BYTES} bytes`);
      }
      return { name, value };
    });
    for (const { name, value } of checked) {
      this.changes[name] = value;
      this.apply(name, value);
    }
    this.store.setMeta(META_KEY, JSON.stringify(this.changes));
  }
}
