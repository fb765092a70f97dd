/**
 * Node only (never imported by the Worker): the keys an offline edge API generates on its first
 * start and keeps under `.pixorly/keys` (git-ignored), so tokens and signed URLs survive a
 * restart. Production passes the same values as secrets instead.
 */
import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generateSigningKey } from "./keys";

export interface LocalKeys {
  /** `SIGNING_KEYS`: a JSON array of private JWKs. */
  signingKeys: string;
  cloudfront: {
    keyPairId: string;
    /** PEM (PKCS#8). */
    privateKey: string;
    /** `CLOUDFRONT_PUBLIC_KEYS`: JSON `{ [keyPairId]: PEM }`. */
    publicKeys: string;
  };
}

function writeSecret(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, text, { mode: 0o600 });
}

async function signingKeys(dir: string): Promise<string> {
  const file = path.join(dir, "signing.json");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const json = JSON.stringify([await generateSigningKey()], null, 2);
  writeSecret(file, `${json}\n`);
  return json;
}

/** CloudFront key pair ids look like `K2JCJMDEHXQW5F`; ours is derived from the public key, so it needs no file. */
export function keyPairIdFor(publicPem: string): string {
  const digest = createHash("sha256").update(publicPem).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return `K${[...digest.subarray(0, 13)].map((b) => alphabet[b % 32]).join("")}`;
}

function cloudfrontKeys(dir: string): LocalKeys["cloudfront"] {
  const file = path.join(dir, "cloudfront.pem");
  let privateKey: string;
  if (fs.existsSync(file)) {
    privateKey = fs.readFileSync(file, "utf8");
  } else {
    privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    writeSecret(file, privateKey);
  }
  const publicPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }) as string;
  const keyPairId = keyPairIdFor(publicPem);
  return { keyPairId, privateKey, publicKeys: JSON.stringify({ [keyPairId]: publicPem }) };
}

/** Reads the keys in `dir`, generating any that are missing. */
export async function ensureLocalKeys(dir: string): Promise<LocalKeys> {
  return { signingKeys: await signingKeys(dir), cloudfront: cloudfrontKeys(dir) };
}
