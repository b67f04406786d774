/**
 * Whether the actor may start an upload at all — checked by the route BEFORE the body is
 * read, so a caller without the capability, or one sending files in a loop, costs us no
 * 20 MB reads and no quarantine rows.
 *  - the capability (admins and compliance upload nothing);
 *  - a rate: UPLOADS_PER_WINDOW per user in WINDOW_SECONDS (counted in the database, shared
 *    by every app instance: shared-rate-limiter.ts);
 *  - a cap on uploads not yet sent (they hold health information with no conversation yet).
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { sharedRateLimiter } from "../rate-limits/shared-rate-limiter";
import { authorize } from "../audit/authorize";

export const UPLOADS_PER_WINDOW = 60;
export const WINDOW_SECONDS = 10 * 60;
export const MAX_UNSENT_UPLOADS = 30;

const limiter = sharedRateLimiter({ keyPrefix: "upload", points: UPLOADS_PER_WINDOW, durationSeconds: WINDOW_SECONDS });

export async function admitUpload(actor: Actor): Promise<void> {
  await authorize(actor, "attachment.upload");
  const { allowed } = await limiter.take(actor.userId);
  if (!allowed) throw new AppError("RATE_LIMITED", "You are sending files too quickly. Wait a few minutes and try again.");
  const db = await getDb();
  const unsent = await db.attachment.count({ where: { uploaderId: actor.userId, messageId: null } });
  if (unsent >= MAX_UNSENT_UPLOADS) {
    throw new AppError("CONFLICT", `You have ${unsent} files that are not sent yet. Send them with a message (or wait a day for them to be removed) before adding more.`);
  }
}
