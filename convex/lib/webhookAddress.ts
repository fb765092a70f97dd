/**
 * The SSRF guard of webhooks: which URLs an endpoint may have and which addresses a delivery may
 * connect to. Only http(s); after DNS resolution every address must be public — no loopback,
 * private (RFC 1918, IPv6 ULA), link-local, CGNAT, cloud metadata (169.254.169.254,
 * fd00:ec2::254), multicast or reserved range. Loopback is allowed only when the deployment runs
 * in local mode (`LOCAL_MODE=1`, the same switch the edge API reads; `npm start` sets it), where
 * the receiver is on the same machine by design. Checked at registration and again at each
 * delivery (DNS may have changed); the delivery then connects to the address it checked.
 *
 * Plain TypeScript (no Node APIs), so mutations can check a literal address without resolving.
 */
import { WEBHOOK_LIMITS } from "@pixorly/core";

export type AddressKind = "public" | "loopback" | "private" | "link-local" | "cgnat" | "metadata" | "reserved";

/** Whether the deployment is the offline studio (then webhooks may target loopback). */
export function isLocalMode(): boolean {
  return process.env.LOCAL_MODE === "1";
}

function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** An IPv6 address as 8 groups of 16 bits (an IPv4 tail such as `::ffff:10.0.0.1` included), or null. */
function parseIPv6(text: string): number[] | null {
  let head = text.split("%")[0]!;
  const groups: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  let tail: number[] = [];
  if (v4) {
    const value = parseIPv4(v4[1]!);
    if (value === null) return null;
    tail = [Math.floor(value / 65536), value % 65536];
    head = head.slice(0, -v4[1]!.length);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) =>
    s === "" ? [] : s.split(":").map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...left, ...right].some(Number.isNaN)) return null;
  const missing = 8 - left.length - right.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  groups.push(...left, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...right, ...tail);
  return groups.length === 8 ? groups : null;
}

function inV4(value: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(parseIPv4(base)! / size);
}

function classifyIPv4(value: number): AddressKind {
  if (value === parseIPv4("169.254.169.254")) return "metadata";
  if (inV4(value, "127.0.0.0", 8)) return "loopback";
  if (inV4(value, "10.0.0.0", 8) || inV4(value, "172.16.0.0", 12) || inV4(value, "192.168.0.0", 16)) return "private";
  if (inV4(value, "169.254.0.0", 16)) return "link-local";
  if (inV4(value, "100.64.0.0", 10)) return "cgnat";
  const reserved: [string, number][] = [
    ["0.0.0.0", 8], // "this network"
    ["192.0.0.0", 24], // IETF protocol assignments
    ["192.0.2.0", 24], // documentation
    ["198.18.0.0", 15], // benchmarking
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, broadcast
  ];
  return reserved.some(([base, bits]) => inV4(value, base, bits)) ? "reserved" : "public";
}

function classifyIPv6(g: number[]): AddressKind {
  const v4Tail = g[6]! * 65536 + g[7]!;
  const zeroHead = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroHead(7) && g[7] === 1) return "loopback";
  if (zeroHead(8)) return "reserved";
  if (zeroHead(5) && g[5] === 0xffff) return classifyIPv4(v4Tail); // IPv4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyIPv4(v4Tail); // NAT64
  if (zeroHead(6)) return "reserved"; // IPv4-compatible (deprecated)
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return "metadata";
  if ((g[0]! & 0xfe00) === 0xfc00) return "private"; // ULA fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0]! & 0xff00) === 0xff00) return "reserved"; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation
  return "public";
}

/** What kind of address `ip` is (IPv4 dotted quad or IPv6, brackets allowed), or null if it is not an IP address. */
export function classifyAddress(ip: string): AddressKind | null {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const v4 = parseIPv4(bare);
  if (v4 !== null) return classifyIPv4(v4);
  const v6 = bare.includes(":") ? parseIPv6(bare) : null;
  return v6 ? classifyIPv6(v6) : null;
}

/** Whether a delivery may connect to an address of this kind. */
export function isAllowedAddress(kind: AddressKind, localMode: boolean): boolean {
  return kind === "public" || (kind === "loopback" && localMode);
}

/** Why an address is refused, for the owner (their own URL's address is no secret to them). */
export function refusalOf(address: string, kind: AddressKind): string {
  const what = {
    loopback: "a loopback address",
    private: "a private network address",
    "link-local": "a link-local address",
    cgnat: "a shared (CGNAT) address",
    metadata: "a cloud metadata address",
    reserved: "a reserved address",
    public: "a public address",
  }[kind];
  return `The URL's host is ${what} (${address}), which webhooks cannot reach.`;
}

/**
 * Checks a webhook URL's form: its text, scheme, no credentials, and — when the host is an IP
 * literal — its address. Host names are resolved by the caller (`webhookDelivery.checkUrl`).
 * Returns the normalized URL or the reason it is refused.
 */
export function checkWebhookUrl(
  raw: string,
  localMode: boolean,
): { ok: true; url: URL } | { ok: false; message: string } {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, message: "Give the URL webhooks are sent to" };
  if (text.length > WEBHOOK_LIMITS.url.maxLength)
    return { ok: false, message: `Use at most ${WEBHOOK_LIMITS.url.maxLength} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: "Not a URL (expected https://host/path)" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, message: "Use an http:// or https:// URL" };
  if (url.username || url.password) return { ok: false, message: "Leave user names and passwords out of the URL" };
  if (!url.hostname) return { ok: false, message: "The URL has no host" };
  const kind = classifyAddress(url.hostname);
  if (kind && !isAllowedAddress(kind, localMode)) return { ok: false, message: refusalOf(url.hostname, kind) };
  return { ok: true, url };
}
