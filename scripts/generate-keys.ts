/**
 * `npm run keys`: fresh production signing keys for the edge API, printed as `.env` lines to paste into a
 * secret store (`wrangler secret put`, the container's env file). Nothing is written to disk: the keys exist
 * only in this output. The same generator makes the offline keys of `npm start` (edge-api/src/lib/local-keys.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureLocalKeys } from "../edge-api/src/lib/local-keys";

const dir = mkdtempSync(join(tmpdir(), "pixorly-keys-"));
try {
  const keys = await ensureLocalKeys(dir);
  const quote = (text: string) => JSON.stringify(text.trim());
  console.log(
    "# Edge API secrets — generated now, shown once. Keep the old SIGNING_KEYS entry after the new one while rotating.",
  );
  console.log(`SIGNING_KEYS=${quote(JSON.stringify(JSON.parse(keys.signingKeys)))}`);
  console.log(`CLOUDFRONT_KEY_PAIR_ID=${keys.cloudfront.keyPairId}`);
  console.log(`CLOUDFRONT_PRIVATE_KEY=${quote(keys.cloudfront.privateKey)}`);
  console.log(`CLOUDFRONT_PUBLIC_KEYS=${quote(keys.cloudfront.publicKeys)}`);
  console.log(
    "# On AWS, upload the public key of CLOUDFRONT_PUBLIC_KEYS to a CloudFront key group and use the id AWS gives it as CLOUDFRONT_KEY_PAIR_ID.",
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
