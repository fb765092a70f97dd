/**
 * The CLI's two kinds of failure: a usage error (the operator typed something the CLI cannot run:
 * exit code 2, with the command's help pointer) and a failure reported by the deployment (exit 1).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` explains the right shape, e.g. "partner create". */
    readonly command?: string,
  ) {
    super(message);
  }
}

export class CommandFailed extends Error {}

/** Exit codes, as shells and CI scripts read them. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
