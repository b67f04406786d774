/**
 * Break-the-glass (DESIGN.md §4): a staff member opens a conversation outside their teams
 * for a short time, with a typed reason, flagged for compliance review. docs/emergency-access.md.
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { toThreadAccess } from "../threads/thread-view";
import { grantEmergencyAccess } from "./grant-emergency-access";
import { emergencyAccessLimit, rateLimitedMessage, recentGrantCount } from "./rate-limit";
import { requestEmergencyAccessSchema, type EmergencyAccessGrant, type RequestEmergencyAccessInput } from "./schemas";
import { unsafeFindThreadForEmergency } from "./unsafe-find-thread-for-emergency";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

const action = "emergencyAccess.request";

export type RequestEmergencyAccessResult = { grant: EmergencyAccessGrant; created: boolean };

/**
 * Idempotent per person and thread: while a grant of theirs runs on the thread, asking again
 * answers that grant (`created: false`) and spends nothing of the hourly budget — also for
 * concurrent requests on any number of app instances (grant-emergency-access.ts).
 */
export async function requestEmergencyAccess(actor: Actor, threadId: string, input: RequestEmergencyAccessInput): Promise<RequestEmergencyAccessResult> {
  // Addressed at one thread: a role that may never break the glass gets the same 404 as
  // for a thread that does not exist (docs/security.md).
  await authorize(actor, action, { recordType: "thread", recordId: threadId }, { denyAs: "NOT_FOUND" });
  const { reason } = requestEmergencyAccessSchema.parse(input);
  // ⚠ A person breaks the glass, not a system: an API key (a service user) never may, so a
  // leaked key cannot open conversations outside the teams it was scoped to.
  if (actor.apiClientId !== null) {
    await recordAudit(await getDb(), actor, { action, outcome: "DENIED", recordType: "thread", recordId: threadId, reason: "api_client" });
    throw new AppError("FORBIDDEN", "Emergency access is for people, not API clients.");
  }
  const db = await getDb();
  const id = parseRecordId(threadId);
  if (!id) throw await recordNotFound(db, actor, { action, recordType: "thread", recordId: threadId });

  const now = new Date();
  // Before the lookup, so a person over the limit learns nothing more about any id — except
  // that a grant of their own still running is theirs to see again.
  if ((await recentGrantCount(db, actor.userId, now)) >= emergencyAccessLimit.perWindow) {
    const own = await db.emergencyAccess.findFirst({ where: { userId: actor.userId, threadId: id, endedAt: null, expiresAt: { gt: now } }, select: { id: true, expiresAt: true } });
    if (own) return { grant: { id: own.id, threadId: id, expiresAt: own.expiresAt.toISOString() }, created: false };
    throw await rateLimited(actor, id);
  }

  const thread = await unsafeFindThreadForEmergency(db, actor, id, now);
  if (!thread) throw await recordNotFound(db, actor, { action, recordType: "thread", recordId: id });
  const access = toThreadAccess(actor, thread);
  if (access && access.via !== "emergency") throw new AppError("CONFLICT", "You already have access to this conversation.");

  // A running grant is answered inside the grant's lock (not here), so that concurrent
  // requests agree on one grant.
  const expiresAt = new Date(now.getTime() + getEnv().EMERGENCY_ACCESS_MINUTES * 60_000);
  const outcome = await grantEmergencyAccess(db, actor, { threadId: id, memberId: thread.memberId, reason, now, expiresAt });
  if (outcome.kind === "rateLimited") throw await rateLimited(actor, id);
  return { grant: { id: outcome.id, threadId: id, expiresAt: outcome.expiresAt.toISOString() }, created: outcome.kind === "granted" };
}

async function rateLimited(actor: Actor, threadId: string): Promise<AppError> {
  await recordAudit(await getDb(), actor, { action, outcome: "DENIED", recordType: "thread", recordId: threadId, reason: "rate_limited" });
  return new AppError("RATE_LIMITED", rateLimitedMessage);
}
