/**
 * The full-scale bench data set (BENCH_SCALE=full), set-based SQL only (INSERT … SELECT
 * generate_series), on top of the demo data:
 *
 *   - 50 teams: the demo's two concierge teams (Sunrise, Harbor) + 43 bench concierge teams
 *     + 5 bench teams of other kinds (2 virtual primary care, 3 health centers), each with
 *     its queue;
 *   - 500 staff, 10 per team: concierge teams 9 care guides + 1 nurse, other teams nurses and
 *     physicians in turn (bench.staff.<team>.<n>@bench.test, n = 0 is the team's lead);
 *   - 20,000 members on the 45 concierge teams (bench.member.<n>@bench.test);
 *   - 100,000 threads (5 per member), one ticket each: 1 in 8 open (NEW, OPEN, PENDING,
 *     ON_HOLD in turn, a third assigned) → about 250 open per team; 1 in 30 SOLVED; the rest
 *     CLOSED. 1 in 25 threads is owned by an other-kind team that serves the member;
 *   - about 1,000,000 messages: most threads 2–17 messages, 200 threads of 100–199, and
 *     10 threads of 5,000 (the long-thread case: threads 1…10, thread 8 is open) — member
 *     and staff in turn, some internal notes; a CREATED event per ticket and a
 *     STATUS_CHANGED per closed one; the member's read mark per thread.
 *
 * Every bench account signs in with BENCH_PASSWORD. Content is synthetic: no PHI.
 */

export const fullVolume = {
  conciergeTeams: 45,
  otherTeams: 5,
  staffPerTeam: 10,
  members: 20_000,
  threads: 100_000,
  longThreads: 10,
  longThreadMessages: 5_000,
} as const;

/** The statements, in order; `passwordHash` is one argon2 hash shared by every bench account. */
export function fullStatements(passwordHash: string): string[] {
  // An argon2 PHC string: only these characters; checked because it is written into SQL.
  if (!/^[A-Za-z0-9$=,+/.-]+$/.test(passwordHash)) throw new Error("unexpected password hash format");
  const v = fullVolume;
  const teams = v.conciergeTeams + v.otherTeams;
  return [
    `CREATE TEMP TABLE bench_teams AS
     SELECT k, CASE WHEN k < ${v.conciergeTeams} THEN 'CONCIERGE' WHEN k < ${v.conciergeTeams + 2} THEN 'VIRTUAL_PRIMARY_CARE' ELSE 'HEALTH_CENTER' END AS kind,
            CASE k WHEN 0 THEN 'Sunrise' WHEN 1 THEN 'Harbor'
                   ELSE 'Bench ' || CASE WHEN k < ${v.conciergeTeams} THEN 'Concierge ' WHEN k < ${v.conciergeTeams + 2} THEN 'Virtual Care ' ELSE 'Health Center ' END || lpad(k::text, 2, '0') END AS name,
            pg_temp.uuid7_at(now() - interval '900 days' + k * interval '1 minute') AS new_team_id,
            pg_temp.uuid7_at(now() - interval '900 days' + k * interval '1 minute') AS new_queue_id
       FROM generate_series(0, ${teams - 1}) AS k`,

    `INSERT INTO teams (id, name, kind, updated_at)
     SELECT new_team_id, name, kind::"TeamKind", now() FROM bench_teams WHERE k >= 2`,

    `INSERT INTO queues (id, name, team_id)
     SELECT new_queue_id, name || ' queue', new_team_id FROM bench_teams WHERE k >= 2`,

    // The ids in use, demo teams included.
    `CREATE TEMP TABLE bench_team_ids AS
     SELECT bt.k, bt.kind, t.id AS team_id, q.id AS queue_id
       FROM bench_teams bt JOIN teams t ON t.name = bt.name JOIN queues q ON q.team_id = t.id`,

    `CREATE TEMP TABLE bench_staff AS
     SELECT b.k, j, pg_temp.uuid7_at(now() - interval '800 days' + (b.k * 10 + j) * interval '1 minute') AS id, b.team_id,
            CASE WHEN b.kind = 'CONCIERGE' THEN CASE WHEN j < 9 THEN 'CARE_GUIDE' ELSE 'NURSE' END
                 ELSE CASE WHEN j % 2 = 0 THEN 'NURSE' ELSE 'PHYSICIAN' END END AS role
       FROM bench_team_ids b CROSS JOIN generate_series(0, ${v.staffPerTeam - 1}) AS j`,

    `INSERT INTO users (id, email, name, role, status, password_hash, created_at, updated_at)
     SELECT id, 'bench.staff.' || k || '.' || j || '@bench.test', 'Bench Staff ' || k || '-' || j, role::"Role", 'ACTIVE', '${passwordHash}', now() - interval '800 days', now()
       FROM bench_staff`,

    `INSERT INTO team_memberships (team_id, user_id) SELECT team_id, id FROM bench_staff`,

    `CREATE TEMP TABLE bench_members AS
     SELECT n, pg_temp.uuid7_at(joined) AS id, joined, b.k, b.team_id
       FROM generate_series(1, ${v.members}) AS n
       CROSS JOIN LATERAL (SELECT now() - interval '700 days' + (n % 600) * interval '1 day' + (n % 1440) * interval '1 minute' AS joined) j
       JOIN bench_team_ids b ON b.k = n % ${v.conciergeTeams}`,

    `INSERT INTO users (id, email, name, role, status, password_hash, created_at, updated_at)
     SELECT id, 'bench.member.' || n || '@bench.test', 'Bench Member ' || n, 'MEMBER', 'ACTIVE', '${passwordHash}', joined, joined
       FROM bench_members`,

    `INSERT INTO member_profiles (user_id, member_number, date_of_birth, sex, team_id, created_at, updated_at)
     SELECT id, 'BENCH-' || lpad(n::text, 6, '0'), date '1950-01-01' + (n * 37) % 18000,
            (ARRAY['FEMALE', 'MALE']::"Sex"[])[1 + n % 2], team_id, joined, joined
       FROM bench_members`,

    // Thread t belongs to member 1 + (t - 1) % members: 5 threads each, spread over time.
    // Owner: the member's concierge team, or (t % 25 = 3) an other-kind team serving them.
    `CREATE TEMP TABLE bench_threads AS
     SELECT t, m.id AS member_id, owner.team_id, owner.queue_id, s.id AS staff_id, len, spacing, status,
            last_at, last_at - (len - 1) * spacing AS created
       FROM generate_series(1, ${v.threads}) AS t
       JOIN bench_members m ON m.n = 1 + (t - 1) % ${v.members}
       CROSS JOIN LATERAL (SELECT
            CASE WHEN t <= ${v.longThreads} THEN ${v.longThreadMessages}
                 WHEN t % 500 = 17 THEN 100 + t % 100
                 ELSE 2 + (t * 7919) % 16 END AS len,
            CASE WHEN t <= ${v.longThreads} THEN interval '3 hours' ELSE interval '37 minutes' END AS spacing,
            CASE WHEN t % 8 = 0 THEN (ARRAY['NEW', 'OPEN', 'PENDING', 'ON_HOLD'])[1 + (t / 8) % 4]
                 WHEN t % 30 = 1 THEN 'SOLVED' ELSE 'CLOSED' END AS status) shape
       CROSS JOIN LATERAL (SELECT CASE WHEN status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED')
                                       THEN now() - interval '5 minutes' - (t % 20160) * interval '1 minute'
                                       ELSE now() - interval '15 days' - ((t * 13) % 350) * interval '1 day' - (t % 1440) * interval '1 minute' END AS last_at) l
       JOIN bench_team_ids owner ON owner.k = CASE WHEN t % 25 = 3 THEN ${v.conciergeTeams} + (t / 25) % ${v.otherTeams} ELSE m.k END
       JOIN bench_staff s ON s.k = owner.k AND s.j = t % ${v.staffPerTeam - 1}`,

    `ALTER TABLE bench_threads ADD COLUMN id uuid`,
    `UPDATE bench_threads SET id = pg_temp.uuid7_at(created)`,

    `INSERT INTO member_service_teams (member_id, team_id)
     SELECT DISTINCT bt.member_id, bt.team_id FROM bench_threads bt JOIN bench_team_ids b ON b.team_id = bt.team_id WHERE b.kind <> 'CONCIERGE'`,

    `INSERT INTO threads (id, member_id, team_id, subject, last_message_at, last_member_message_at, created_at)
     SELECT id, member_id, team_id, 'Bench thread ' || t, last_at,
            CASE WHEN len % 2 = 1 THEN last_at ELSE last_at - spacing END, created
       FROM bench_threads`,

    // Message k (1…len): odd from the member, even from the thread's staff member; every
    // tenth staff message on one thread in seven is an internal note.
    `INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at)
     SELECT pg_temp.uuid7_at(at), bt.id,
            CASE WHEN k % 2 = 1 THEN bt.member_id ELSE bt.staff_id END,
            (CASE WHEN k % 10 = 4 AND t % 7 = 0 THEN 'INTERNAL' ELSE 'MEMBER' END)::"MessageVisibility",
            'Synthetic benchmark message ' || k || ' on thread ' || t || '. ' || repeat('Lorem ipsum dolor sit amet. ', 1 + (t * k) % 8),
            'bench-' || t || '-' || k, at
       FROM bench_threads bt
       CROSS JOIN generate_series(1, bt.len) AS k
       CROSS JOIN LATERAL (SELECT bt.created + (k - 1) * bt.spacing AS at) a`,

    `CREATE TEMP TABLE bench_tickets AS
     SELECT pg_temp.uuid7_at(created) AS ticket_id, bt.*,
            CASE WHEN (status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD') AND (t / 8) % 3 = 0) OR (status IN ('CLOSED', 'SOLVED') AND t % 3 = 0)
                 THEN staff_id END AS assignee_id
       FROM bench_threads bt`,

    `INSERT INTO tickets (id, thread_id, queue_id, team_id, status, priority, assignee_id, waiting_since, last_activity_at,
                          first_response_at, solved_at, closed_at, created_at, updated_at)
     SELECT ticket_id, id, queue_id, team_id, status::"TicketStatus",
            (CASE WHEN t % 17 = 0 THEN 'HIGH' ELSE 'NORMAL' END)::"TicketPriority",
            assignee_id,
            CASE WHEN status IN ('NEW', 'OPEN', 'ON_HOLD') THEN last_at END,
            last_at,
            CASE WHEN status <> 'NEW' THEN created + spacing END,
            CASE WHEN status IN ('SOLVED', 'CLOSED') THEN last_at + interval '1 hour' END,
            CASE WHEN status = 'CLOSED' THEN last_at + interval '3 days' END,
            created, last_at
       FROM bench_tickets`,

    `INSERT INTO ticket_events (id, ticket_id, actor_id, type, from_value, to_value, created_at)
     SELECT pg_temp.uuid7_at(created), ticket_id, member_id, 'CREATED'::"TicketEventType", NULL, 'NEW', created FROM bench_tickets
     UNION ALL
     SELECT pg_temp.uuid7_at(last_at + interval '3 days'), ticket_id, staff_id, 'STATUS_CHANGED'::"TicketEventType", 'SOLVED', 'CLOSED', last_at + interval '3 days'
       FROM bench_tickets WHERE status = 'CLOSED'`,

    `INSERT INTO thread_read_states (thread_id, user_id, last_read_at)
     SELECT id, member_id, last_at FROM bench_threads`,
  ];
}
