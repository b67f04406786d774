/**
 * The embedded default driver: one file per object under DATA_DIR/documents, encrypted at
 * rest (envelope.ts). The content type is not kept here; the attachment's database row
 * holds it.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { openDocument, sealDocument } from "./envelope";
import { DocumentNotFoundError } from "./storage-errors";
import { assertValidStorageKey } from "./storage-key";
import { assertValidContentType, type DocumentStorage } from "./storage-types";

/**
 * ⚠ Security-critical: the only place a key becomes a path. The key is validated first
 * (no `..`, no leading `/`, only [a-z0-9/-]); the containment check below is a second,
 * independent guard in case validation is ever loosened.
 */
function objectPath(root: string, key: string): string {
  assertValidStorageKey(key);
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) throw new Error("Invalid storage key");
  return file;
}

/** `getKey` is called on every read and write so a missing key surfaces as a failed call (and an unhealthy check), not a crash at start. */
export function createLocalStorage(root: string, getKey: () => Buffer): DocumentStorage {
  const base = path.resolve(root);

  async function put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void> {
    const file = objectPath(base, key);
    assertValidContentType(options.contentType);
    const sealed = sealDocument(getKey(), key, bytes);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Atomic: write a temp file beside the target (same file system), flush it, rename over
    // the target. A reader sees the old object or the new one, never a partial file. The
    // temp name has a dot, which no valid key has, so it can never be read as an object.
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temp, "wx", 0o600);
      try {
        await handle.writeFile(sealed);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async function get(key: string): Promise<Buffer> {
    const file = objectPath(base, key);
    let sealed: Buffer;
    try {
      sealed = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new DocumentNotFoundError(key);
      throw error;
    }
    return openDocument(getKey(), key, sealed);
  }

  async function remove(key: string): Promise<void> {
    await rm(objectPath(base, key), { force: true });
  }

  return {
    kind: "local",
    put,
    get,
    delete: remove,
    // A real encrypted write, read and delete through the same code paths documents take,
    // so a missing key, a full or read-only disk all show.
    async checkHealth() {
      const key = `health/${randomUUID()}`;
      try {
        const probe = Buffer.from(randomUUID());
        await put(key, probe, { contentType: "text/plain" });
        const back = await get(key);
        await remove(key);
        return back.equals(probe) ? "ok" : "unavailable";
      } catch {
        await remove(key).catch(() => undefined);
        return "unavailable";
      }
    },
  };
}
