import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pemToDer, rsaPrivateKeyPkcs8 } from "./pem";

describe("rsaPrivateKeyPkcs8", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pkcs8Der = new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" }));

  it("reads PKCS#8 as is and wraps PKCS#1 into the same PKCS#8 bytes OpenSSL writes", () => {
    expect(rsaPrivateKeyPkcs8(privateKey.export({ type: "pkcs8", format: "pem" }).toString())).toEqual(pkcs8Der);
    expect(rsaPrivateKeyPkcs8(privateKey.export({ type: "pkcs1", format: "pem" }).toString())).toEqual(pkcs8Der);
  });

  it("is null for anything else", () => {
    expect(rsaPrivateKeyPkcs8("not a key")).toBeNull();
    expect(rsaPrivateKeyPkcs8("-----BEGIN PRIVATE KEY-----\n%%%\n-----END PRIVATE KEY-----")).toBeNull();
    expect(pemToDer("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "PRIVATE KEY")).toBeNull();
  });
});
