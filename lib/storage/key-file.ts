/**
 * A 32-byte key kept in a file under DATA_DIR (mode 0600), generated once when missing — for
 * demo mode and development, where no key is configured. Shared by the document storage key
 * (encryption-key.ts) and the two-step sign-in key (lib/auth/mfa-key.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The key in a base64 text (standard or URL-safe alphabet), or null when it is not 32 bytes. */
export function decodeKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  // Node's base64 decoder reads the URL-safe alphabet too.
  const key = Buffer.from(trimmed, "base64");
  return key.length === 32 ? key : null;
}

function readKeyFile(file: string, variable: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const key = decodeKey(text);
  // ⚠ Never replace an unreadable key file with a fresh key: everything sealed with the old
  // key would become unreadable without anyone noticing.
  if (!key) throw new Error(`${file} does not hold a base64-encoded 32-byte key; restore it or set ${variable}`);
  return key;
}

/** The key in DATA_DIR/<name>, created on first use. `variable` names the setting that replaces it. */
export function loadOrCreateKeyFile(dataDir: string, name: string, variable: string): Buffer {
  const file = path.resolve(dataDir, name);
  const existing = readKeyFile(file, variable);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole to a temp file, then hard-linked into place: link() fails if the name
  // exists, so when two processes start at once one key wins and neither ever reads a
  // half-written file.
  const temp = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temp, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  const key = readKeyFile(file, variable);
  if (!key) throw new Error(`Could not create ${file}`);
  return key;
}
