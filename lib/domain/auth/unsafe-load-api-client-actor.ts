/**
 * ⚠ SECURITY: resolves `Authorization: Bearer <key>` to the API client's service user.
 * Keys look like `cnc_<prefix>_<secret>`; only a SHA-256 of the whole key is stored, and
 * it is compared in constant time. Revoked clients and disabled service users get nothing.
 */
import { timingSafeEqual } from "node:crypto";
import type { Actor, RequestOrigin } from "../../access/actor";
import { apiKeyPattern, hashApiKey } from "../../auth/api-key";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "./unsafe-load-actor";

export async function unsafeLoadApiClientActor(key: string, origin: RequestOrigin): Promise<Actor | null> {
  const match = apiKeyPattern.exec(key);
  if (!match) return null;
  const db = await getDb();
  const client = await db.apiClient.findUnique({ where: { keyPrefix: match[1] } });
  if (!client || client.revokedAt) return null;
  const expected = Buffer.from(client.keyHash, "hex");
  const actual = Buffer.from(hashApiKey(key), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const actor = await unsafeLoadActor(client.serviceUserId, origin, { apiClientId: client.id });
  if (!actor) return null;
  // Best effort: last-use time is informative, not security-critical.
  await db.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return actor;
}
