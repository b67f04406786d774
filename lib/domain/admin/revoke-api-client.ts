import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { scopeChangedEvents } from "../realtime/scope-changed-event";
import { loadApiClient } from "./api-client-view";
import type { ApiClientView } from "./schemas";
import { planTicketRelease } from "./unassign-tickets";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/**
 * ⚠ SECURITY: revokes an API client (POST /api/v1/admin/api-clients/{id}/revoke). Effective
 * at the very next request: the key loader refuses a revoked client. Its service user,
 * which exists for this client, is disabled too (unless another live client still acts as
 * it), so it stops counting as team staff and cannot be assigned; tickets assigned to it
 * are released. Revoking twice is a no-op. There is no un-revoke: issue a new key.
 */
export async function revokeApiClient(actor: Actor, clientId: string): Promise<ApiClientView> {
  await authorize(actor, "apiClient.manage", { recordType: "apiClient", recordId: clientId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(clientId);
  const current = id ? await loadApiClient(db, id) : null;
  if (!current) throw await recordNotFound(db, actor, { action: "apiClient.revoke", recordType: "apiClient", recordId: clientId, reason: "not_found" }, "No such API client.");
  if (current.revokedAt) return current;

  const now = new Date();
  const userId = current.serviceUser.id;
  const otherLive = await db.apiClient.count({ where: { serviceUserId: userId, revokedAt: null, id: { not: current.id } } });
  const disableUser = otherLive === 0 && current.serviceUser.status === "ACTIVE";
  const release = disableUser ? await planTicketRelease(db, actor, userId, now) : { count: 0, writes: [] };
  await db.$transaction([
    db.apiClient.updateMany({ where: { id: current.id, revokedAt: null }, data: { revokedAt: now } }),
    // ⚠ Streams opened with this key (whatever becomes of the service user) close at once.
    db.outboxEvent.createMany({ data: scopeChangedEvents([userId]) }),
    ...(disableUser ? [db.user.update({ where: { id: userId }, data: { status: "DISABLED", sessionsValidAfter: now }, select: { id: true } })] : []),
    ...release.writes,
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "apiClient.revoke",
        recordType: "apiClient",
        recordId: current.id,
        details: { serviceUserId: userId, serviceUserDisabled: disableUser, releasedTickets: release.count, keyPrefix: current.keyPrefix },
      }),
      select: { id: true },
    }),
  ]);
  const client = await loadApiClient(db, current.id);
  if (!client) throw new AppError("NOT_FOUND");
  return client;
}
