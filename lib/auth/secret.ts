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
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(48).toString("base64url");
    writeFileSync(file, cached, { mode: 0o600 });
  }
  return cached;
}
