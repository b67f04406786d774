/**
 * "Who has seen my messages" (DESIGN.md §4 Audit): the member's own report of staff
 * accesses to their conversations, files and details — who (name and role), what, when.
 * Never internal details: no addresses, user agents, reasons or record ids beyond the
 * member's own conversations. Reading the report is audited like any read.
 */
import { z } from "zod";
import type { Actor } from "../../access/actor";
import { roleLabels, type Role } from "../../access/roles";
import { threadWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { int8IdTextSchema } from "../shared/bounds";
import { cursorCodec, cursorInstantSchema } from "../shared/cursor";
import { accessLogSql, type AccessKind, type AccessLogCursor, type AccessLogRow } from "./access-log-sql";
import { authorize } from "./authorize";
import { recordAudit } from "./record-audit";
import { listMyAccessLogSchema } from "./schemas";
import { userNames } from "./user-names";

export type AccessLogEntry = {
  /** Stable key of the group (its newest audit row). */
  id: string;
  staff: { name: string; role: Role; roleLabel: string };
  kind: AccessKind;
  /** The member's own conversation the access was about, when there is one. */
  conversation: { id: string; subject: string | null } | null;
  firstAt: string;
  lastAt: string;
  /** How many recorded accesses the entry stands for (message lists refresh while open). */
  count: number;
};

// The shared codec (lib/domain/shared/cursor.ts): a bounded instant and a bigint id that
// PostgreSQL takes, or a clear 400.
const accessLogCursor = cursorCodec(
  z.strictObject({ h: cursorInstantSchema, id: int8IdTextSchema }),
  (c: AccessLogCursor) => ({ h: c.hour, id: c.lastId }),
  (j) => ({ hour: j.h, lastId: j.id }),
);

export async function listMyAccessLog(actor: Actor, input: z.input<typeof listMyAccessLogSchema> = {}): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
  await authorize(actor, "audit.readOwnAccess");
  const q = listMyAccessLogSchema.parse(input);
  const after = accessLogCursor.decode(q.cursor);
  const db = await getDb();
  const rows = await db.$queryRaw<AccessLogRow[]>(accessLogSql(actor.userId, after, q.limit + 1));
  const page = rows.slice(0, q.limit);

  const names = await userNames(db, page.map((r) => r.actor_id));
  const threadIds = [...new Set(page.map((r) => r.thread_id).filter((id): id is string => id !== null && z.uuid().safeParse(id).success))];
  // The member's own scope decides which conversations may be named (subjects are theirs).
  const threads = threadIds.length
    ? await db.thread.findMany({ where: { AND: [threadWhereForActor(actor), { id: { in: threadIds } }] }, select: { id: true, subject: true } })
    : [];
  const subjects = new Map(threads.map((t) => [t.id, t.subject]));

  await recordAudit(db, actor, { action: "audit.readOwnAccess", memberId: actor.userId, details: { count: page.length } });
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const role = r.actor_role as Role;
      return {
        id: r.last_id,
        staff: { name: names.get(r.actor_id) ?? "A former staff member", role, roleLabel: roleLabels[role] ?? "Staff" },
        kind: r.kind,
        conversation: r.thread_id && subjects.has(r.thread_id) ? { id: r.thread_id, subject: subjects.get(r.thread_id) ?? null } : null,
        firstAt: r.first_at,
        lastAt: r.last_at,
        count: r.n,
      };
    }),
    nextCursor: rows.length > q.limit && last ? accessLogCursor.encode({ hour: last.hour, lastId: last.last_id }) : null,
  };
}
