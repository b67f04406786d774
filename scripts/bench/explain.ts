/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queue's page query — the exact SQL listQueueTickets
 * sends (queuePageSql), run through the app's raw executor (lib/db/sql-executor.ts) with
 * the same parameters. Plans hold ids and timings, no row contents.
 */
import { postgresExecutor } from "../../lib/db/sql-executor";
import { queuePageSql, type QueueView } from "../../lib/domain/tickets/queue-page-sql";

export type PlanSummary = {
  view: QueueView;
  usesPartialIndex: boolean;
  /** Scan nodes with their relation/index, e.g. "Index Scan using tickets_queue_open_waiting_idx on tickets t". */
  scans: string[];
  executionMs: number | null;
  planningMs: number | null;
  /** Buffers line of the top node. */
  buffers: string | null;
  plan: string[];
};

export const PARTIAL_INDEX = "tickets_queue_open_waiting_idx";

export async function explainQueuePage(url: string, q: { queueIds: string[]; actorId: string; view: QueueView; take: number }): Promise<PlanSummary> {
  const executor = postgresExecutor(url);
  try {
    const sql = queuePageSql({ queueIds: q.queueIds, view: q.view, actorId: q.actorId, after: null, take: q.take });
    const rows = await executor.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, [...sql.values]);
    const plan = rows.map((r) => r["QUERY PLAN"]);
    const number = (label: string) => {
      const line = plan.find((l) => l.trim().startsWith(label));
      const m = line?.match(/([\d.]+) ms/);
      return m ? Number(m[1]) : null;
    };
    return {
      view: q.view,
      usesPartialIndex: plan.some((l) => l.includes(PARTIAL_INDEX)),
      scans: plan
        .filter((l) => /Scan/.test(l))
        .map((l) => l.trim().replace(/^->\s*/, "").replace(/\s+\(cost=.*$/, "")),
      executionMs: number("Execution Time"),
      planningMs: number("Planning Time"),
      buffers: plan.find((l) => l.trim().startsWith("Buffers:"))?.trim() ?? null,
      plan,
    };
  } finally {
    await executor.close();
  }
}
