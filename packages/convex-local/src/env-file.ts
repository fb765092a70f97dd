/** Reads a dotenv-style file (`KEY=value`, `#` comments, optional quotes). */
import fs from "node:fs";

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = line.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (!m) throw new Error(`Line ${i + 1} of the env file is not KEY=value: ${JSON.stringify(raw.slice(0, 60))}`);
    let value = m[2];
    const quoted = value.match(/^(['"])(.*)\1$/);
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, "\n") : quoted[2];
    else value = value.replace(/\s+#.*$/, "");
    out[m[1]] = value;
  });
  return out;
}

/** Variables already in the environment win, as with dotenv. */
export function loadEnvFile(file: string) {
  const vars = parseEnvFile(fs.readFileSync(file, "utf8"));
  for (const [k, v] of Object.entries(vars)) if (process.env[k] === undefined) process.env[k] = v;
  return Object.keys(vars);
}
