/**
 * The key that signs and encrypts session tokens. Production requires AUTH_SECRET (checked
 * in lib/env.ts). In demo mode a random secret is generated once and kept in DATA_DIR so
 * that a restart keeps people signed in.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../env";

let cached: string | undefined;

export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (!env.DEMO_MODE && env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required in production (outside demo mode)");
  }
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  const read = () => {
    try {
      const value = readFileSync(file, "utf8").trim();
      return value.length >= 32 ? value : null;
    } catch {
      return null;
    }
  };
  cached = read() ?? undefined;
  if (!cached) {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(48).toString("base64url");
    try {
      // "wx": if another process created it meanwhile, use theirs (one secret per data dir).
      writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
    } catch {
      writeFileSync(file, read() ?? fresh, { mode: 0o600 });
    }
    cached = read() ?? fresh;
  }
  return cached;
}
