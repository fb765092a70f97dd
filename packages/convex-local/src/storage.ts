/**
 * File storage: bytes on disk under the data folder, metadata as documents of
 * the `_storage` system table. Upload URLs carry an HMAC token that expires.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Engine } from "./engine.js";
import { makeId } from "./ids.js";
import type { Doc } from "./store.js";

const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export type FileMetadata = { storageId: string; sha256: string; size: number; contentType: string | null };

export class FileStore {
  private dir: string;
  private secret: Buffer;

  constructor(
    private engine: Engine,
    dataDir: string,
    /** Origin of the API port, e.g. http://127.0.0.1:3210 */
    private origin: () => string,
  ) {
    this.dir = path.join(dataDir, "storage");
    fs.mkdirSync(this.dir, { recursive: true });
    const stored = engine.store.getMeta("uploadSecret");
    this.secret = stored ? Buffer.from(stored, "hex") : randomBytes(32);
    if (!stored) engine.store.setMeta("uploadSecret", this.secret.toString("hex"));
  }

  private filePath(storageId: string) {
    if (!/^[0-9a-z]+$/.test(storageId)) throw new Error(`Invalid storage id: ${JSON.stringify(storageId)}`);
    return path.join(this.dir, storageId);
  }

  uploadUrl(): string {
    const expires = Date.now() + UPLOAD_URL_TTL_MS;
    const nonce = randomBytes(8).toString("hex");
    const payload = `${expires}.${nonce}`;
    const sig = createHmac("sha256", this.secret).update(payload).digest("base64url");
    return `${this.origin()}/api/storage/upload?token=${payload}.${sig}`;
  }

  checkUploadToken(token: string | null): string | null {
    if (!token) return "Missing upload token";
    const [expires, nonce, sig, ...rest] = token.split(".");
    if (!expires || !nonce || !sig || rest.length > 0) return "Malformed upload token";
    // The signature is compared as the exact text issued: decoding first would accept other spellings
    // of the same bytes (the last base64url character carries two unused bits).
    const expected = Buffer.from(createHmac("sha256", this.secret).update(`${expires}.${nonce}`).digest("base64url"));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "Invalid upload token";
    if (Number(expires) < Date.now()) return "Upload URL expired";
    return null;
  }

  /** Stores bytes; the `_storage` document is written inside the given transaction write. */
  writeFile(bytes: Uint8Array, contentType: string | null, creationTime: number): Doc {
    const id = makeId(this.engine.store.tableNumber("_storage"));
    const sha256 = createHash("sha256").update(bytes).digest("base64");
    fs.writeFileSync(this.filePath(id), bytes);
    const doc: Doc = { _id: id, _creationTime: creationTime, sha256, size: bytes.byteLength };
    if (contentType) doc.contentType = contentType;
    return doc;
  }

  /** Writes a file's bytes under a given id (snapshot import); its `_storage` document is the caller's. */
  putFile(storageId: string, bytes: Uint8Array) {
    fs.writeFileSync(this.filePath(storageId), bytes);
  }

  /** Stores a file in a transaction of its own (uploads, actions). */
  async store(bytes: Uint8Array, contentType: string | null): Promise<string> {
    return this.engine.systemTransaction((ts, writes) => {
      const doc = this.writeFile(bytes, contentType, this.engine.nextCreationTime());
      this.engine.store.write("_storage", doc._id, doc, ts);
      writes.add("_storage");
      return doc._id;
    });
  }

  metadata(storageId: string): FileMetadata | null {
    const found = this.engine.store.get(storageId);
    if (!found || found.table !== "_storage") return null;
    const d = found.doc;
    return {
      storageId,
      sha256: d.sha256 as string,
      size: d.size as number,
      contentType: (d.contentType as string) ?? null,
    };
  }

  read(storageId: string): { bytes: Buffer; meta: FileMetadata } | null {
    const meta = this.metadata(storageId);
    if (!meta) return null;
    try {
      return { bytes: fs.readFileSync(this.filePath(storageId)), meta };
    } catch {
      return null;
    }
  }

  url(storageId: string): string | null {
    return this.metadata(storageId) ? `${this.origin()}/api/storage/${storageId}` : null;
  }

  /** Removes files whose `_storage` document is gone (deleted, or rolled back). */
  sweep() {
    for (const name of fs.readdirSync(this.dir)) {
      if (!this.metadata(name)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }
}
