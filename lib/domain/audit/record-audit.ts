/**
 * Appends one audit row now. For a change written as a batch transaction, put
 * `db.auditLog.create({ data: auditRowData(…) })` in the batch instead, so the change and
 * its audit row commit together.
 */
import type { Prisma } from "../../db/generated/client";
import type { RequestOrigin } from "../../access/actor";
import { auditRowData, type AuditActor, type AuditEntry } from "./audit-row-data";

export type { AuditEntry } from "./audit-row-data";

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

export async function recordAudit(db: AuditWriter, actor: AuditActor | null, entry: AuditEntry, origin?: RequestOrigin | null): Promise<void> {
  await db.auditLog.create({ data: auditRowData(actor, entry, origin === undefined ? (actor?.origin ?? null) : origin) });
}
