/**
 * Picks what the workloads act on (threads and their members, the care guides) from the
 * loaded database, with a raw connection of its own. Ids only.
 */
import pg from "pg";
import { leadGuides } from "./load-data";

export type OpenThread = { threadId: string; memberId: string; team: "sunrise" | "harbor" };

export type Targets = {
  /** Bench threads whose ticket is open (NEW, OPEN, PENDING, ON_HOLD), in id order. */
  openThreads: OpenThread[];
  /** Sunrise bench threads of any status, for reading messages as the Sunrise guide. */
  sunriseThreads: OpenThread[];
  guideIds: Record<"sunrise" | "harbor", string>;
};

export async function pickTargets(url: string): Promise<Targets> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const teamOf = (name: string) => (name === "Sunrise" ? "sunrise" : "harbor") as OpenThread["team"];
    const open = await client.query<{ thread_id: string; member_id: string; team: string }>(
      `SELECT th.id AS thread_id, th.member_id, tm.name AS team
         FROM threads th
         JOIN users u ON u.id = th.member_id
         JOIN teams tm ON tm.id = th.team_id
         JOIN tickets tk ON tk.thread_id = th.id AND tk.status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD')
        WHERE u.email LIKE 'bench.member.%@bench.test'
          AND tm.name IN ('Sunrise', 'Harbor') -- the lead guides' teams (BENCH_SCALE=full has 48 more)
        ORDER BY th.id`,
    );
    const sunrise = await client.query<{ thread_id: string; member_id: string }>(
      `SELECT th.id AS thread_id, th.member_id
         FROM threads th
         JOIN users u ON u.id = th.member_id
         JOIN teams tm ON tm.id = th.team_id AND tm.name = 'Sunrise'
        WHERE u.email LIKE 'bench.member.%@bench.test'
        ORDER BY md5(th.id::text)
        LIMIT 1000`,
    );
    const guides = await client.query<{ email: string; id: string }>(`SELECT email, id FROM users WHERE email = ANY($1::text[])`, [
      [leadGuides.sunrise, leadGuides.harbor],
    ]);
    const guideId = (email: string) => {
      const row = guides.rows.find((r) => r.email === email);
      if (!row) throw new Error(`no user ${email}`);
      return row.id;
    };
    return {
      openThreads: open.rows.map((r) => ({ threadId: r.thread_id, memberId: r.member_id, team: teamOf(r.team) })),
      sunriseThreads: sunrise.rows.map((r) => ({ threadId: r.thread_id, memberId: r.member_id, team: "sunrise" })),
      guideIds: { sunrise: guideId(leadGuides.sunrise), harbor: guideId(leadGuides.harbor) },
    };
  } finally {
    await client.end();
  }
}
