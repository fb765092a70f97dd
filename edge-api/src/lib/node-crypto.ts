/**
 * Node only (never imported by the Worker): the hot-path crypto with node:crypto's synchronous
 * calls, which in Node cost a fraction of WebCrypto's (see `crypto-provider.ts`). `node.ts`
 * passes it to `createApp`.
 */
import { createHash, createPrivateKey, sign } from "node:crypto";
import type { CryptoProvider } from "./crypto-provider";

export const nodeCryptoProvider: CryptoProvider = {
  sha256: (text) => createHash("sha256").update(text).digest("base64url"),
  es256Signer({ kty, crv, x, y, d }) {
    const key = createPrivateKey({ key: { kty, crv, x, y, d }, format: "jwk" });
    return (data) => sign("sha256", data, { key, dsaEncoding: "ieee-p1363" });
  },
};
