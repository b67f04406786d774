/**
 * Stamps the delivery order of committed outbox rows (DESIGN.md §5: replay ids follow commit
 * order). Run ONLY by the relay that holds the advisory lock (lib/realtime/relay.ts), on the
 * session that holds it, one statement at a time.
 *
 * Why this is safe without a grace period or xmin ordering: a row becomes visible to this
 * statement only once its transaction has committed, and it receives a sequence value
 * above every value handed out before (max + n, under the lock, by a single stamper). A
 * row whose transaction commits late — even one with a lower id — is simply stamped in a
 * later round with a higher number. So no row can ever receive a number below one a client
 * has already seen, and a replay from any `Last-Event-ID` misses nothing. The id order is
 * used only to order rows that became visible in the same round — except that revocations
 * (`scope.changed`) go first in their round: ids are taken inside the writing transaction,
 * so a send that began before a revocation but committed after it may hold a lower id, and
 * must not reach the revoked receiver ahead of the revocation (the relay's connections
 * also re-check before any batch that holds one: lib/realtime/relay.ts). `delivery_seq` is UNIQUE:
 * were two stampers ever to race, one statement would fail instead of duplicating numbers.
 */
import type { SqlExecutor } from "../../db/sql-executor";

/** Stamp at most this many rows per statement; the relay loops while rounds come back full. */
export const stampBatchSize = 500;

export const stampOutboxSql = `
WITH base AS (
  SELECT coalesce(max(delivery_seq), 0) AS seq FROM outbox_events
), pending AS (
  SELECT id, row_number() OVER (ORDER BY (type = 'scope.changed') DESC, id) AS n
  FROM (SELECT id, type FROM outbox_events WHERE delivery_seq IS NULL ORDER BY id LIMIT $1 FOR UPDATE) AS p
)
UPDATE outbox_events o
SET delivery_seq = base.seq + pending.n, delivered_at = now()
FROM pending, base
WHERE o.id = pending.id
RETURNING o.delivery_seq::text AS seq`;

export type StampResult = { count: number; maxSeq: bigint | null };

export async function stampOutbox(sql: SqlExecutor, limit: number = stampBatchSize): Promise<StampResult> {
  const rows = await sql.query<{ seq: string }>(stampOutboxSql, [limit]);
  let maxSeq: bigint | null = null;
  for (const r of rows) {
    const s = BigInt(r.seq);
    if (maxSeq === null || s > maxSeq) maxSeq = s;
  }
  return { count: rows.length, maxSeq };
}

/** The highest stamped sequence number (0 when none). */
export async function currentDeliverySeq(sql: SqlExecutor): Promise<bigint> {
  const rows = await sql.query<{ seq: string }>("SELECT coalesce(max(delivery_seq), 0)::text AS seq FROM outbox_events");
  return BigInt(rows[0]?.seq ?? "0");
}
