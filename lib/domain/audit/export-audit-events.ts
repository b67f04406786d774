/**
 * The compliance CSV export: the same filters and rows as the list (audit-log-where.ts),
 * newest first, streamed page by page so memory stays flat, and capped at `exportRowCap`
 * rows (narrow the period for more). Names of actors and members are resolved; contents
 * never exist in the log to begin with. The export is audited (`audit.export`) before the
 * first byte leaves, with its filters and whether the cap cut it short.
 */
import type { z } from "zod";
import type { Actor } from "../../access/actor";
import { getDb, type Db } from "../../db/client";
import type { AuditLog, Prisma } from "../../db/generated/client";
import { csvLine } from "./audit-csv";
import { auditLogWhere } from "./audit-log-where";
import { authorize } from "./authorize";
import { recordAudit } from "./record-audit";
import { exportAuditEventsSchema } from "./schemas";
import { userNames } from "./user-names";

export const exportRowCap = 50_000;
const pageSize = 1_000;

const header = [
  "id", "occurred_at", "actor_id", "actor_name", "actor_role", "action", "outcome", "member_id", "member_name",
  "record_type", "record_id", "ip", "user_agent", "reason", "details",
] as const;

export type AuditExport = {
  fileName: string;
  /** More rows matched than the cap: the file holds the newest `exportRowCap`. */
  truncated: boolean;
  /** CSV text, header first; a UTF-8 byte-order mark leads so spreadsheets read names right. */
  chunks: AsyncIterable<string>;
};

async function* csvChunks(db: Db, where: Prisma.AuditLogWhereInput): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(header)}`;
  let before: bigint | null = null;
  let written = 0;
  while (written < exportRowCap) {
    const rows: AuditLog[] = await db.auditLog.findMany({
      where: before === null ? where : { AND: [where, { id: { lt: before } }] },
      orderBy: { id: "desc" },
      take: Math.min(pageSize, exportRowCap - written),
    });
    if (rows.length === 0) return;
    const names = await userNames(db, rows.flatMap((r) => [r.actorId, r.memberId]));
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    yield rows
      .map((r) =>
        csvLine([
          r.id, r.occurredAt.toISOString(), r.actorId, name(r.actorId), r.actorRole, r.action, r.outcome, r.memberId, name(r.memberId),
          r.recordType, r.recordId, r.ip, r.userAgent, r.reason, r.details === null ? null : JSON.stringify(r.details),
        ]),
      )
      .join("");
    written += rows.length;
    before = rows.at(-1)!.id;
    if (rows.length < pageSize) return;
  }
}

export async function exportAuditEvents(actor: Actor, input: z.input<typeof exportAuditEventsSchema> = {}): Promise<AuditExport> {
  await authorize(actor, "audit.read");
  const filters = exportAuditEventsSchema.parse(input);
  const db = await getDb();
  const where = auditLogWhere(filters);
  // Is there a row beyond the cap? Asked up front (an index walk of the cap's length), so
  // the answer can say so in its headers before streaming starts.
  const beyond = await db.auditLog.findFirst({ where, orderBy: { id: "desc" }, skip: exportRowCap, select: { id: true } });
  const truncated = beyond !== null;
  await recordAudit(db, actor, { action: "audit.export", memberId: filters.memberId ?? null, details: { filters, cap: exportRowCap, truncated } });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return { fileName: `audit-export-${stamp}.csv`, truncated, chunks: csvChunks(db, where) };
}
