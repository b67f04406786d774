/**
 * Builds real actors for demo accounts in integration tests, through the same loader the
 * app uses for sessions.
 */
import { unknownOrigin, type Actor } from "../lib/access/actor";
import { getDb } from "../lib/db/client";
import { unsafeLoadActor } from "../lib/domain/auth/unsafe-load-actor";

export async function actorFor(email: string): Promise<Actor> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const actor = await unsafeLoadActor(user.id, { ...unknownOrigin, ip: "127.0.0.1" });
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}
