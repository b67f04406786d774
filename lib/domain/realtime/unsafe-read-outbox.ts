/**
 * ⚠ SECURITY: reads stamped outbox rows WITHOUT a scope, for the realtime relay only. Every
 * row read here passes lib/realtime/routing.ts (canReceive) per receiver before it is sent;
 * nothing read here is ever returned to a client unfiltered. Rows hold routing ids and
 * payloads of ids and status values only.
 */
import type { Prisma } from "../../db/generated/client";
import { getDb, getSql } from "../../db/client";
import type { LivePayload } from "../../realtime/event-types";
import type { RealtimeScope, RoutedEvent, ThreadRouting } from "../../realtime/routing";

const select = { deliverySeq: true, type: true, teamId: true, threadId: true, memberId: true, userId: true, payload: true } as const;

type Row = { deliverySeq: bigint | null; type: string; teamId: string | null; threadId: string | null; memberId: string | null; userId: string | null; payload: Prisma.JsonValue };

function toRouted(r: Row): RoutedEvent {
  return { seq: r.deliverySeq, type: r.type, teamId: r.teamId, threadId: r.threadId, memberId: r.memberId, userId: r.userId, payload: (r.payload ?? {}) as LivePayload };
}

/**
 * Stamped events with after < seq ≤ upTo, in delivery order (the live fan-out). Every
 * instance runs this once per stamping round: a named prepared statement through getSql,
 * not Prisma (docs/performance.md, "CPU per request").
 */
export async function unsafeReadStampedEvents(after: bigint, upTo: bigint | null, limit: number): Promise<RoutedEvent[]> {
  const sql = await getSql();
  const rows = await sql<StampedRow>(readStampedSql, [after.toString(), upTo === null ? null : upTo.toString(), limit], { name: "outbox-read-stamped" });
  return rows.map((r) => toRouted({ ...r, deliverySeq: r.deliverySeq === null ? null : BigInt(r.deliverySeq) }));
}

type StampedRow = Omit<Row, "deliverySeq"> & { deliverySeq: string | null };

// Served by the unique index on delivery_seq, read forward from `after`.
const readStampedSql = `
  SELECT delivery_seq::text AS "deliverySeq", type, team_id::text AS "teamId", thread_id::text AS "threadId",
         member_id::text AS "memberId", user_id::text AS "userId", payload
    FROM outbox_events
   WHERE delivery_seq > $1::bigint AND ($2::bigint IS NULL OR delivery_seq <= $2::bigint)
   ORDER BY delivery_seq
   LIMIT $3::int`;

/** The highest stamped sequence number (0 when none). */
export async function unsafeMaxDeliverySeq(): Promise<bigint> {
  const db = await getDb();
  const row = await db.outboxEvent.aggregate({ _max: { deliverySeq: true } });
  return row._max.deliverySeq ?? 0n;
}

/**
 * A replay page for one receiver: the database pre-filters by the routing columns that can
 * concern them (an index-friendly superset); canReceive decides. `scanned` is the last seq
 * looked at, so the caller pages on even when everything was filtered out.
 */
export async function unsafeReadReplayPage(scope: RealtimeScope, after: bigint, upTo: bigint, limit: number): Promise<{ events: RoutedEvent[]; scanned: bigint | null }> {
  const db = await getDb();
  const range = { deliverySeq: { gt: after, lte: upTo } };
  const concerns: Prisma.OutboxEventWhereInput =
    scope.role === "MEMBER"
      ? { memberId: scope.userId }
      : {
          OR: [
            { teamId: { in: [...scope.teamIds] } },
            { threadId: { in: [...scope.collaborations, ...scope.emergencies.keys()] } },
            { userId: scope.userId },
            { threadId: null, type: "attachment.scanned" },
          ],
        };
  // The page boundary comes from the unfiltered range so that paging always advances.
  const boundary = await db.outboxEvent.findMany({ where: range, orderBy: { deliverySeq: "asc" }, skip: limit - 1, take: 1, select: { deliverySeq: true } });
  const pageEnd = boundary[0]?.deliverySeq ?? upTo;
  const rows = await db.outboxEvent.findMany({
    where: { AND: [{ deliverySeq: { gt: after, lte: pageEnd } }, concerns] },
    orderBy: { deliverySeq: "asc" },
    select,
  });
  return { events: rows.map(toRouted), scanned: pageEnd };
}

/** The current owner and member of each thread (one query per batch, shared by all receivers). */
export async function unsafeLoadThreadRouting(threadIds: Iterable<string>): Promise<Map<string, ThreadRouting>> {
  const ids = [...new Set(threadIds)];
  const map = new Map<string, ThreadRouting>();
  if (ids.length === 0) return map;
  const sql = await getSql();
  const rows = await sql<{ id: string; teamId: string | null; memberId: string }>(
    `SELECT id::text AS id, team_id::text AS "teamId", member_id::text AS "memberId" FROM threads WHERE id = ANY($1::uuid[])`,
    [ids],
    { name: "outbox-thread-routing" },
  );
  for (const r of rows) map.set(r.id, { teamId: r.teamId, memberId: r.memberId });
  return map;
}
