/**
 * ⚠ SECURITY: ends every session of a user at once (sign-out, and later disabling or a
 * password change). Session cookies are stateless JWTs; getActor() refuses any whose
 * sign-in time is before the user's cut-off, so a copied cookie dies with the sign-out.
 * `unsafe` because it runs from next-auth's sign-out event, with a verified token but
 * no actor.
 */
import type { RequestOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";

/** sign_out: the person signed out; in_session_checks_exhausted: too many wrong codes or passwords inside a session. */
export type EndSessionsReason = "sign_out" | "in_session_checks_exhausted";

export async function unsafeEndSessions(userId: string, origin: RequestOrigin | null, reason: EndSessionsReason): Promise<void> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user) return;
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { sessionsValidAfter: new Date() } }),
    // ⚠ Open event streams of the user re-check at once, on every instance.
    db.outboxEvent.createMany({ data: scopeChangedEvents([userId]) }),
    db.auditLog.create({ data: auditRowData({ userId, role: user.role, origin: origin ?? { ip: null, userAgent: null } }, { action: "auth.sign_out", reason }) }),
  ]);
}
