/**
 * `npm run pixorly -- <command>`: operator and partner tooling for a Pixorly deployment — the
 * offline stack of `npm start` or a real Convex deployment (see `deployment.ts` for how it finds
 * the URL and admin key). Exit codes: 0 done, 1 the deployment refused or could not be reached,
 * 2 a usage error (nothing was sent).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command, Io } from "./command";
import { moderationCommands } from "./commands/moderation";
import { partnerCommands } from "./commands/partner";
import { userCommands } from "./commands/user";
import { connect, type Deployment } from "./deployment";
import { CommandFailed, EXIT, UsageError } from "./usage";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const commands: Command[] = [...partnerCommands, ...userCommands, ...moderationCommands];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: npm run pixorly -- <command> [options]   (pixorly <command> --help for one command)",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Deployment: CONVEX_URL + CONVEX_ADMIN_KEY (or CONVEX_SELF_HOSTED_URL + CONVEX_SELF_HOSTED_ADMIN_KEY, or CONVEX_DEPLOY_KEY);",
    "by default the offline stack at http://127.0.0.1:3210 with the key in .pixorly/data/admin-key.",
  ].join("\n");
}

/** Runs one command line; returns the exit code (the process entry below exits with it). */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    (argv.length === 0 ? err : out)(overview());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => {
    const words = c.name.split(" ");
    return words.every((w, i) => argv[i] === w);
  });
  if (!command) {
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0 && (argv[1] === undefined || argv[1] === "--help" || argv[1] === "-h")) {
      (argv[1] ? out : err)(
        [`Usage: pixorly ${argv[0]} <command>`, "", ...group.map((c) => `  ${c.name}  ${c.summary}`)].join("\n"),
      );
      return argv[1] ? EXIT.ok : EXIT.usage;
    }
    const said = argv.slice(0, group.length > 0 ? 2 : 1).join(" ");
    err(`pixorly: unknown command "${said}".\n\n${overview()}`);
    return EXIT.usage;
  }
  let deployment: Deployment | undefined;
  const io: Io = {
    out: (line = "") => out(line),
    deployment: () => (deployment ??= connect(env, root)),
    env,
  };
  try {
    await command.run(argv.slice(command.name.split(" ").length), io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      err(
        `pixorly ${error.command ?? command.name}: ${error.message}\nSee: npm run pixorly -- ${error.command ?? command.name} --help`,
      );
      return EXIT.usage;
    }
    if (error instanceof CommandFailed) {
      err(`pixorly ${command.name}: ${error.message}`);
      return EXIT.failed;
    }
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await main(
    process.argv.slice(2),
    process.env,
    (l) => console.log(l),
    (l) => console.error(l),
  );
  process.exitCode = code;
}
