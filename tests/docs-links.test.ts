/**
 * Every relative link in the repository's Markdown points at a file or folder that a fresh clone has.
 * The README once linked outside the repository (`../shared/…`), which was broken in every clone.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..");

/** Markdown files git knows (tracked or new), so ignored folders such as node_modules never count. */
function markdownFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"], {
    cwd: root,
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter(Boolean)
    .filter((file) => existsSync(join(root, file)));
}

/** `[text](target)` links outside code fences and inline code, without scheme or pure anchors. */
export function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const links: string[] = [];
  for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
    links.push(decodeURIComponent(target.split("#")[0]));
  }
  return links;
}

describe("documentation links", () => {
  it("finds relative links and skips URLs, anchors and code", () => {
    const sample = "[a](docs/a.md) [b](https://x.dev) [c](#top) `[d](nope.md)` [e](../f.md#part)\n```\n[g](no.md)\n```";
    expect(relativeLinks(sample)).toEqual(["docs/a.md", "../f.md"]);
  });

  it("every relative link in every Markdown file resolves inside the repository", () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      for (const link of relativeLinks(readFileSync(join(root, file), "utf8"))) {
        const target = resolve(root, dirname(file), link);
        if (relative(root, target).startsWith("..") || !existsSync(target)) broken.push(`${file} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
