/**
 * Bulk-loads a realistic volume on top of the demo data, in raw SQL (INSERT … SELECT
 * generate_series), in one transaction:
 *
 *   - MEMBERS extra members, half on Sunrise, half on Harbor (profiles included);
 *   - THREADS threads, THREADS / MEMBERS per member, each with one ticket: one thread in
 *     ten has an open ticket (NEW, OPEN, PENDING, ON_HOLD in turn, about a third of them
 *     assigned to the team's lead care guide), one in twenty is SOLVED, the rest CLOSED;
 *   - MESSAGES_PER_THREAD messages per thread (member and care guide in turn, a few
 *     internal notes), a CREATED event per ticket (and a STATUS_CHANGED for closed ones),
 *     the member's read mark per thread.
 *
 * That is BENCH_SCALE=small (the default of `npm run bench`); BENCH_SCALE=full loads the
 * issue-10 volume instead (load-data-full.ts: 50 teams, 500 staff, 20,000 members, 100,000
 * tickets, ~1,000,000 messages). Every bench account signs in with BENCH_PASSWORD.
 *
 * All content is synthetic ("Bench Member 17", "Synthetic benchmark message …"): no PHI.
 * Ids are UUIDv7 stamped with the row's time, like the app's own (uuid7.ts), so indexes
 * on ids see the same locality as in production. Then VACUUM ANALYZE, as autovacuum would
 * have done on a live database.
 */
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";
import { fullStatements, fullVolume } from "./load-data-full";

export type BenchScale = "small" | "full";

/** BENCH_SCALE, or the caller's default. */
export function benchScale(fallback: BenchScale): BenchScale {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "small" && raw !== "full") throw new Error("BENCH_SCALE must be small or full");
  return raw;
}

/** The password of every bench account (members and staff); bench databases only. */
export const BENCH_PASSWORD = "bench-password-not-a-secret";

export { fullVolume };

export const volume = {
  members: 2_000,
  threads: 20_000,
  messagesPerThread: 5,
} as const;

/** The care guides whose teams get the extra members (Sunrise, Harbor). */
export const leadGuides = { sunrise: "guide@demo.test", harbor: "guide2@demo.test" } as const;

// UUIDv7 for a given time (48-bit ms, version 7, variant 10, random rest).
const uuid7Function = `CREATE FUNCTION pg_temp.uuid7_at(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
     SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0')
             || '7' || substr(md5(random()::text), 1, 3)
             || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid
   $$`;

const statements = (v: typeof volume, passwordHash: string): string[] => [

  `CREATE TEMP TABLE bench_teams AS
   SELECT k, t.id AS team_id, q.id AS queue_id, u.id AS guide_id
     FROM (VALUES (0, 'Sunrise', '${leadGuides.sunrise}'), (1, 'Harbor', '${leadGuides.harbor}')) AS v(k, team_name, guide_email)
     JOIN teams t ON t.name = v.team_name
     JOIN queues q ON q.team_id = t.id
     JOIN users u ON u.email = v.guide_email`,

  `CREATE TEMP TABLE bench_members AS
   SELECT n, pg_temp.uuid7_at(joined) AS id, joined, bt.team_id, bt.queue_id, bt.guide_id
     FROM generate_series(1, ${v.members}) AS n
     CROSS JOIN LATERAL (SELECT now() - interval '30 days' - (n % 600) * interval '1 day' - (n % 1440) * interval '1 minute' AS joined) j
     JOIN bench_teams bt ON bt.k = n % 2`,

  `INSERT INTO users (id, email, name, role, status, password_hash, created_at, updated_at)
   SELECT id, 'bench.member.' || n || '@bench.test', 'Bench Member ' || n, 'MEMBER', 'ACTIVE', '${passwordHash}', joined, joined
     FROM bench_members`,

  `INSERT INTO member_profiles (user_id, member_number, date_of_birth, sex, team_id, created_at, updated_at)
   SELECT id, 'BENCH-' || lpad(n::text, 6, '0'), date '1950-01-01' + (n * 37) % 18000,
          (ARRAY['FEMALE', 'MALE']::"Sex"[])[1 + n % 2], team_id, joined, joined
     FROM bench_members`,

  // Thread t belongs to member 1 + (t/10 + (t%10)*200) % members: every member gets
  // threads/members threads, exactly one of them open (t % 10 = 0), on both teams.
  `CREATE TEMP TABLE bench_threads AS
   SELECT t, pg_temp.uuid7_at(c.created) AS id, m.id AS member_id, m.team_id, m.queue_id, m.guide_id, c.created,
          c.created + (${v.messagesPerThread} - 1) * interval '37 minutes' AS last_at,
          CASE WHEN t % 10 = 0 THEN (ARRAY['NEW', 'OPEN', 'PENDING', 'ON_HOLD'])[1 + (t / 10) % 4]
               WHEN t % 20 = 5 THEN 'SOLVED'
               ELSE 'CLOSED' END AS status
     FROM generate_series(1, ${v.threads}) AS t
     CROSS JOIN LATERAL (
       SELECT CASE WHEN t % 10 = 0
                   THEN now() - interval '4 hours' - (t % 14) * interval '1 day' - (t % 1440) * interval '1 minute'
                   ELSE now() - interval '15 days' - ((t * 13) % 350) * interval '1 day' - (t % 1440) * interval '1 minute'
              END AS created) c
     JOIN bench_members m ON m.n = 1 + ((t / 10) + (t % 10) * ${v.threads / 10 / (v.threads / v.members)}) % ${v.members}`,

  `INSERT INTO threads (id, member_id, team_id, subject, last_message_at, last_member_message_at, created_at)
   SELECT id, member_id, team_id, 'Bench thread ' || t, last_at, last_at, created FROM bench_threads`,

  `INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at)
   SELECT pg_temp.uuid7_at(at), bt.id,
          CASE WHEN k % 2 = 1 THEN bt.member_id ELSE bt.guide_id END,
          (CASE WHEN k = 4 AND t % 7 = 0 THEN 'INTERNAL' ELSE 'MEMBER' END)::"MessageVisibility",
          'Synthetic benchmark message ' || k || ' on thread ' || t || '. ' || repeat('Lorem ipsum dolor sit amet. ', 1 + (t * k) % 8),
          'bench-' || t || '-' || k, at
     FROM bench_threads bt
     CROSS JOIN generate_series(1, ${v.messagesPerThread}) AS k
     CROSS JOIN LATERAL (SELECT bt.created + (k - 1) * interval '37 minutes' AS at) a`,

  `CREATE TEMP TABLE bench_tickets AS
   SELECT pg_temp.uuid7_at(created) AS ticket_id, bt.*,
          CASE WHEN (status <> 'CLOSED' AND status <> 'SOLVED' AND (t / 10) % 3 = 0) OR (status IN ('CLOSED', 'SOLVED') AND t % 3 = 0)
               THEN guide_id END AS assignee_id
     FROM bench_threads bt`,

  `INSERT INTO tickets (id, thread_id, queue_id, team_id, status, priority, assignee_id, waiting_since, last_activity_at,
                        first_response_at, solved_at, closed_at, created_at, updated_at)
   SELECT ticket_id, id, queue_id, team_id, status::"TicketStatus",
          (CASE WHEN t % 17 = 0 THEN 'HIGH' ELSE 'NORMAL' END)::"TicketPriority",
          assignee_id,
          CASE WHEN status IN ('NEW', 'OPEN', 'ON_HOLD') THEN last_at END,
          last_at,
          CASE WHEN status <> 'NEW' THEN created + interval '37 minutes' END,
          CASE WHEN status IN ('SOLVED', 'CLOSED') THEN last_at + interval '1 hour' END,
          CASE WHEN status = 'CLOSED' THEN last_at + interval '3 days' END,
          created, last_at
     FROM bench_tickets`,

  `INSERT INTO ticket_events (id, ticket_id, actor_id, type, from_value, to_value, created_at)
   SELECT pg_temp.uuid7_at(created), ticket_id, member_id, 'CREATED'::"TicketEventType", NULL, 'NEW', created FROM bench_tickets
   UNION ALL
   SELECT pg_temp.uuid7_at(last_at + interval '3 days'), ticket_id, guide_id, 'STATUS_CHANGED'::"TicketEventType", 'SOLVED', 'CLOSED', last_at + interval '3 days'
     FROM bench_tickets WHERE status = 'CLOSED'`,

  `INSERT INTO thread_read_states (thread_id, user_id, last_read_at)
   SELECT id, member_id, last_at FROM bench_threads`,
];

export type LoadResult = { ms: number; rows: Record<string, number>; steps: [string, number][] };

export async function loadVolume(url: string, scale: BenchScale = "small"): Promise<LoadResult> {
  const started = performance.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  // An argon2 PHC string: only these characters; checked because it is written into SQL.
  if (!/^[A-Za-z0-9$=,+/.-]+$/.test(passwordHash)) throw new Error("unexpected password hash format");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps: [string, number][] = [];
  try {
    await client.query("BEGIN");
    const list = [uuid7Function, ...(scale === "full" ? fullStatements(passwordHash) : statements(volume, passwordHash))];
    for (const sql of list) {
      const t0 = performance.now();
      await client.query(sql);
      steps.push([sql.trim().split("\n")[0]!.slice(0, 70), Math.round(performance.now() - t0)]);
    }
    await client.query("COMMIT");
    // Outside the transaction: VACUUM cannot run inside one.
    const t0 = performance.now();
    await client.query("VACUUM ANALYZE");
    steps.push(["VACUUM ANALYZE", Math.round(performance.now() - t0)]);
    return { ms: performance.now() - started, rows: await countRows(client), steps };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

const countedTables = ["users", "member_profiles", "threads", "messages", "tickets", "ticket_events", "thread_read_states", "audit_log", "outbox_events"] as const;

export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of countedTables) {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    rows[table] = Number(result.rows[0]?.n ?? 0);
  }
  const statuses = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM tickets GROUP BY status ORDER BY status`);
  for (const s of statuses.rows) rows[`tickets ${s.status}`] = Number(s.n);
  return rows;
}

export async function countRowsAt(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await countRows(client);
  } finally {
    await client.end();
  }
}
