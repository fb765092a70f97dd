/**
 * PEM ⇄ DER for the CloudFront RSA keys, with web APIs only (Workers and Node alike).
 * WebCrypto imports PKCS#8 private keys and SPKI public keys; a PKCS#1 private key
 * (`BEGIN RSA PRIVATE KEY`, what `openssl genrsa` wrote for years) is wrapped into PKCS#8.
 */
import { base64ToBytes, bytesToBase64 } from "../lib/base64";

export function derToPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const lines = bytesToBase64(new Uint8Array(der))
    .match(/.{1,64}/g)!
    .join("\n");
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

/** The DER inside the first `label` block of `pem`, or null when there is none or it is not base64. */
export function pemToDer(pem: string, label: string): Uint8Array<ArrayBuffer> | null {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem);
  if (!match) return null;
  try {
    return base64ToBytes(match[1]!);
  } catch {
    return null;
  }
}

/** A PEM RSA private key (PKCS#8 or PKCS#1) as PKCS#8 DER, or null when it is neither. */
export function rsaPrivateKeyPkcs8(pem: string): Uint8Array<ArrayBuffer> | null {
  const pkcs8 = pemToDer(pem, "PRIVATE KEY");
  if (pkcs8) return pkcs8;
  const pkcs1 = pemToDer(pem, "RSA PRIVATE KEY");
  return pkcs1 && wrapPkcs1(pkcs1);
}

/** `PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption NULL, OCTET STRING pkcs1 }` (RFC 5208). */
function wrapPkcs1(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const version = [0x02, 0x01, 0x00];
  const rsaEncryption = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const octets = [0x04, ...derLength(pkcs1.length), ...pkcs1];
  const body = [...version, ...rsaEncryption, ...octets];
  return new Uint8Array([0x30, ...derLength(body.length), ...body]);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
