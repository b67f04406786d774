/**
 * EXPLAIN (ANALYZE, BUFFERS) of each hot query on the loaded bench database, with a check
 * that each one is served by the index it should use and a flag on any Seq Scan of a big
 * table. Run inside a transaction that is rolled back, so the send's writes leave nothing.
 *
 * The queue page (one statement: page, rows, previews, counts, calendars, audit row) and a
 * thread's messages page are the exact SQL the domain sends (queueStatement,
 * messagePageSql). The others are written here in the shape of the statements Prisma sends
 * for the same domain call (one table, the same WHERE, ORDER BY and LIMIT): the thread list
 * of a member, the per-request actor load (GET /me and every authenticated request), and the
 * send's reads and writes. Plans hold ids and timings only, no row contents.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { messagePageSql } from "../../lib/domain/messages/message-page-sql";
import { queueStatement } from "../../lib/domain/tickets/queue-page-sql";

/**
 * A table with at least this many rows is "big": a Seq Scan of it on a hot path is a defect,
 * and the expected index is checked. Below it (a small data set's team_memberships) the
 * planner is right to read the few pages directly.
 */
export const BIG_TABLE_ROWS = 10_000;

export type HotPlan = {
  name: string;
  expected: string[];
  /** Rows of the query's table (pg_class.reltuples); expectations are checked only when it is big. */
  tableRows: number;
  indexesUsed: string[];
  missing: string[];
  seqScansOnBigTables: string[];
  executionMs: number | null;
  plan: string[];
};

type HotQuery = { name: string; table: string; sql: string; params: unknown[]; expected: string[] };

type Subjects = { teamId: string; guideId: string; longThreadId: string; memberId: string; memberThreadId: string };

async function pickSubjects(client: pg.Client): Promise<Subjects> {
  const one = async <T extends Record<string, string>>(sql: string): Promise<T> => {
    const r = await client.query<T>(sql);
    if (!r.rows[0]) throw new Error(`explain-hot: nothing found for ${sql.slice(0, 60)}`);
    return r.rows[0];
  };
  // The queue with the most open tickets, and a care guide of its team.
  const busy = await one<{ queue_id: string; team_id: string }>(
    `SELECT queue_id, team_id FROM tickets WHERE status <> 'CLOSED' AND status <> 'SOLVED' AND team_id IS NOT NULL GROUP BY queue_id, team_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const guide = await one<{ id: string }>(
    `SELECT u.id FROM users u JOIN team_memberships tm ON tm.user_id = u.id WHERE tm.team_id = '${busy.team_id}' AND u.role = 'CARE_GUIDE' ORDER BY u.email LIMIT 1`,
  );
  // The longest thread, and its member's newest thread.
  const long = await one<{ thread_id: string; member_id: string }>(
    `SELECT m.thread_id, t.member_id FROM (SELECT thread_id FROM messages GROUP BY thread_id ORDER BY count(*) DESC LIMIT 1) m JOIN threads t ON t.id = m.thread_id`,
  );
  const own = await one<{ id: string }>(`SELECT id FROM threads WHERE member_id = '${long.member_id}' ORDER BY last_message_at DESC LIMIT 1`);
  return { teamId: busy.team_id, guideId: guide.id, longThreadId: long.thread_id, memberId: long.member_id, memberThreadId: own.id };
}

function hotQueries(s: Subjects): HotQuery[] {
  // The guide's queue page as listQueueTickets sends it (its audit row is rolled back with the rest).
  const guide = { userId: s.guideId, role: "CARE_GUIDE" as const, teamIds: [s.teamId], origin: { ip: null, userAgent: "explain-hot" } };
  const queue = queueStatement({ actor: guide, view: "open", after: null, limit: 100, now: new Date() });
  const messagesStaff = messagePageSql({ threadId: s.longThreadId, memberVisibleOnly: false, before: null, take: 51 });
  const messagesMember = messagePageSql({ threadId: s.longThreadId, memberVisibleOnly: true, before: null, take: 51 });
  const newId = randomUUID();
  return [
    {
      name: "queue page (open view, busiest queue, 100 rows: page, rows, previews, counts, audit row)",
      table: "tickets",
      sql: queue.text,
      params: queue.values,
      // The page in display order; the counts from the two indexes alone (index-only scans).
      expected: ["tickets_queue_open_waiting_idx", "tickets_queue_id_thread_id_status_assignee_id_idx", "threads_team_id_id_idx"],
    },
    { name: "thread messages page, staff (5,000-message thread)", table: "messages", sql: messagesStaff.text, params: [...messagesStaff.values], expected: ["messages_thread_id_created_at_idx"] },
    { name: "thread messages page, member (5,000-message thread)", table: "messages", sql: messagesMember.text, params: [...messagesMember.values], expected: ["messages_thread_id_created_at_idx"] },
    {
      name: "thread list of a member (newest activity first)",
      table: "threads",
      sql: `SELECT id, subject, last_message_at FROM threads WHERE member_id = $1 ORDER BY last_message_at DESC, id DESC LIMIT 51`,
      params: [s.memberId],
      expected: ["threads_member_id_last_message_at_idx"],
    },
    { name: "me/actor load: the user", table: "users", sql: `SELECT id, email, name, role, status, sessions_valid_after FROM users WHERE id = $1`, params: [s.guideId], expected: ["users_pkey"] },
    { name: "me/actor load: the user's teams", table: "team_memberships", sql: `SELECT team_id FROM team_memberships WHERE user_id = $1`, params: [s.guideId], expected: ["team_memberships_user_id_idx"] },
    {
      name: "send: idempotency probe (author, clientMessageId)",
      table: "messages",
      sql: `SELECT id FROM messages WHERE author_id = $1 AND client_message_id = $2 LIMIT 1`,
      params: [s.memberId, `explain-${newId}`],
      expected: ["messages_author_id_client_message_id_key"],
    },
    { name: "send: the thread in scope", table: "threads", sql: `SELECT id, member_id, team_id FROM threads WHERE id = $1 AND member_id = $2`, params: [s.memberThreadId, s.memberId], expected: ["threads_pkey"] },
    {
      name: "send: the thread's latest ticket",
      table: "tickets",
      sql: `SELECT id, status, queue_id FROM tickets WHERE thread_id = $1 ORDER BY created_at DESC LIMIT 1`,
      params: [s.memberThreadId],
      expected: ["tickets_thread_id_created_at_idx"],
    },
    {
      name: "send: insert the message (rolled back)",
      table: "messages",
      sql: `INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at) VALUES ($1, $2, $3, 'MEMBER', 'Synthetic explain message', $4, now())`,
      params: [newId, s.memberThreadId, s.memberId, `explain-${newId}`],
      expected: [],
    },
    {
      name: "send: update the thread's last activity (rolled back)",
      table: "threads",
      sql: `UPDATE threads SET last_message_at = now(), last_member_message_at = now() WHERE id = $1`,
      params: [s.memberThreadId],
      expected: ["threads_pkey"],
    },
    {
      name: "send: update the ticket (rolled back)",
      table: "tickets",
      sql: `UPDATE tickets SET last_activity_at = now(), updated_at = now() WHERE id = (SELECT id FROM tickets WHERE thread_id = $1 ORDER BY created_at DESC LIMIT 1)`,
      params: [s.memberThreadId],
      expected: ["tickets_pkey", "tickets_thread_id_created_at_idx"],
    },
  ];
}

export async function explainHotQueries(url: string): Promise<HotPlan[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const subjects = await pickSubjects(client);
    const sizes = await client.query<{ relname: string; n: number }>(
      `SELECT relname, greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
    );
    const rowsOf = (table: string) => Number(sizes.rows.find((r) => r.relname === table)?.n ?? 0);
    const plans: HotPlan[] = [];
    for (const q of hotQueries(subjects)) {
      await client.query("BEGIN");
      try {
        const rows = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
        const plan = rows.rows.map((r) => r["QUERY PLAN"]);
        // "Index [Only] Scan using <index> on <table>" or "Bitmap Index Scan on <index>".
        const indexesUsed = [...new Set(plan.flatMap((l) => [...l.matchAll(/(?:Scan using|Scan Backward using|Bitmap Index Scan on) (\S+)/g)].map((m) => m[1]!)))];
        const seq = plan.flatMap((l) => [...l.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!)).filter((t) => rowsOf(t) >= BIG_TABLE_ROWS);
        const tableRows = rowsOf(q.table);
        const exec = plan.find((l) => l.startsWith("Execution Time"))?.match(/([\d.]+) ms/);
        plans.push({
          name: q.name,
          expected: q.expected,
          tableRows,
          indexesUsed,
          missing: tableRows >= BIG_TABLE_ROWS ? q.expected.filter((i) => !indexesUsed.includes(i)) : [],
          seqScansOnBigTables: [...new Set(seq)],
          executionMs: exec ? Number(exec[1]) : null,
          plan,
        });
      } finally {
        await client.query("ROLLBACK");
      }
    }
    return plans;
  } finally {
    await client.end();
  }
}

/** Printable report: one verdict line per query, then its plan indented. */
export function hotPlansReport(plans: HotPlan[], withPlans = true): string {
  const out: string[] = [];
  for (const p of plans) {
    const ok = p.missing.length === 0 && p.seqScansOnBigTables.length === 0;
    const verdict = !ok ? "BAD" : p.tableRows < BIG_TABLE_ROWS ? "ok (small table, not checked)" : "OK ";
    const detail = [
      `indexes: ${p.indexesUsed.join(", ") || "none"}`,
      p.missing.length ? `MISSING expected ${p.missing.join(", ")}` : "",
      p.seqScansOnBigTables.length ? `SEQ SCAN on ${p.seqScansOnBigTables.join(", ")}` : "",
      `${p.executionMs ?? "?"} ms`,
    ].filter(Boolean);
    out.push(`  [${verdict}] ${p.name} — ${detail.join("; ")}`);
    if (withPlans) out.push(...p.plan.map((l) => `        ${l}`));
  }
  return out.join("\n");
}
