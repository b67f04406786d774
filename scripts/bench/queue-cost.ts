/**
 * CPU of one queue page (`listQueueTickets`, view=open, limit=100), called directly, against
 * a bench database at full scale (docs/performance.md, "CPU per request"): this process's
 * CPU per call (process.cpuUsage) and PostgreSQL's (the pool's backends, user + system time
 * from /proc/<pid>/stat, so PostgreSQL must run on this machine). The staff of the team of the
 * longest thread, as `npm run bench:http` picks them. Writes the first page and three pages of
 * each view to OUT_DIR (default /tmp) as JSON, to compare two builds' answers byte for byte.
 * Writes audit rows: use a scratch bench database (scripts/bench/database.ts + loadVolume).
 *   DATABASE_URL=postgres://…/concierge_bench_… MIGRATE_ON_START=0 npx tsx scripts/bench/queue-cost.ts <label> [n]
 */
import { readFileSync, writeFileSync } from "node:fs";
import pg from "pg";
import type { Actor } from "../../lib/access/actor";
import { closeDb } from "../../lib/db/client";
import { unsafeLoadActorWithMfa } from "../../lib/domain/auth/unsafe-load-actor";
import { listQueueTickets } from "../../lib/domain/tickets/list-queue-tickets";

const label = process.argv[2] ?? "run";
const n = Number(process.argv[3] ?? 300);
const outDir = process.env.OUT_DIR ?? "/tmp";
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();

const long = await client.query<{ team_id: string }>(
  `SELECT th.team_id FROM (SELECT thread_id, count(*) n FROM messages GROUP BY thread_id ORDER BY count(*) DESC LIMIT 50) m
     JOIN threads th ON th.id = m.thread_id
    WHERE EXISTS (SELECT 1 FROM team_memberships x JOIN users u ON u.id = x.user_id WHERE x.team_id = th.team_id AND u.email LIKE 'bench.staff.%')
    ORDER BY m.n DESC LIMIT 1`,
);
if (!long.rows[0]) throw new Error("no bench staff: load the data at BENCH_SCALE=full");
const staff = await client.query<{ id: string }>(
  `SELECT u.id FROM users u JOIN team_memberships tm ON tm.user_id = u.id
    WHERE tm.team_id = $1 AND u.email LIKE 'bench.staff.%' AND u.role IN ('CARE_GUIDE', 'NURSE') ORDER BY u.email LIMIT 4`,
  [long.rows[0].team_id],
);
const actors: Actor[] = [];
for (const r of staff.rows) {
  const loaded = await unsafeLoadActorWithMfa(r.id, { ip: "127.0.0.1", userAgent: "bench" });
  if (loaded) actors.push(loaded.actor);
}
const actorAt = (i: number) => actors[i % actors.length]!;

const first = await listQueueTickets(actorAt(0), { view: "open", limit: 100 });
writeFileSync(`${outDir}/queue-cost-${label}-page.json`, JSON.stringify(first, null, 1));
const views: unknown[] = [];
for (const view of ["open", "mine", "unassigned", "all"] as const) {
  let cursor: string | undefined;
  for (let i = 0; i < 3; i++) {
    const page = await listQueueTickets(actorAt(0), { view, limit: 50, cursor });
    views.push(page);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
}
writeFileSync(`${outDir}/queue-cost-${label}-views.json`, JSON.stringify(views));
console.log(
  `items ${first.items.length}, counts ${JSON.stringify(first.counts)}, with a target ${first.items.filter((i) => i.sla).length}, with a preview ${first.items.filter((i) => i.preview).length}`,
);

const ticksPerSecond = 100; // getconf CLK_TCK on Linux
async function backendCpuMs(): Promise<number> {
  const r = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  let sum = 0;
  for (const { pid } of r.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      sum += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      // The backend ended meanwhile.
    }
  }
  return sum;
}

for (let i = 0; i < 50; i++) await listQueueTickets(actorAt(i), { view: "open", limit: 100 });
for (let round = 1; round <= 2; round++) {
  const db0 = await backendCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await listQueueTickets(actorAt(i), { view: "open", limit: 100 });
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const db = (await backendCpuMs()) - db0;
  console.log(
    `${label} round ${round}: ${n} calls, app CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms/call, PostgreSQL CPU ${(db / n).toFixed(2)} ms/call, wall ${(wall / n).toFixed(2)} ms/call`,
  );
}
await client.end();
await closeDb();
