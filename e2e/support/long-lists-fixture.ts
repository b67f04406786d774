/**
 * Seeds the long-lists spec (e2e/console/long-lists.spec.ts) straight into the run's
 * PostgreSQL database, with people of its own so no other spec is disturbed: a concierge
 * team with its queue, a care guide, and a member of the team with
 *   - one conversation of 150 messages (member and guide taking turns, a minute apart,
 *     "Long thread message 001" … "150"; the newest is the member's), without a ticket;
 *   - 150 other conversations, one member message each, with an OPEN ticket in the team's
 *     queue, "Queue ticket 001" waiting longest … "150" waiting least (queue order).
 * Everyone signs in with the demo password (argon2id with the app's parameters).
 */
import { randomUUID } from "node:crypto";
import { test as base } from "@playwright/test";
import { seedInTransaction, type SeededPerson } from "./seed-database";

export const longCount = 150;
export const nth = (i: number) => String(i).padStart(3, "0");

export type LongListsWorld = {
  tag: string;
  team: { id: string; name: string };
  guide: SeededPerson;
  member: SeededPerson;
  longThread: { id: string; subject: string };
  /** Subjects in queue order (the first waits longest). */
  queueSubjects: string[];
};

export async function seedLongListsWorld(): Promise<LongListsWorld> {
  const tag = randomUUID().slice(0, 8);
  return seedInTransaction(async ({ client, team: seedTeam, person: seedPerson }) => {
    const { queueId, ...team } = await seedTeam(`E2E Long lists ${tag}`);
    const person = (role: string, label: string) => seedPerson(role, `e2e.long.${label}.${tag}@example.test`, `E2E Long ${label} ${tag}`, team.id);
    const guide = await person("CARE_GUIDE", "guide");
    const member = await person("MEMBER", "member");
    await client.query(
      "INSERT INTO member_profiles (user_id, member_number, date_of_birth, sex, team_id, updated_at) VALUES ($1, $2, '1979-11-20', 'MALE', $3, now())",
      [member.id, `E2E-L-${tag}`, team.id],
    );

    const minute = 60_000;
    const now = Date.now();
    // The long conversation: 150 messages, the last (150, even) from the member.
    const longThread = { id: randomUUID(), subject: `E2E long thread ${tag}` };
    const start = now - (longCount + 5) * minute;
    const at = (i: number) => new Date(start + i * minute);
    await client.query(
      "INSERT INTO threads (id, member_id, team_id, subject, last_message_at, last_member_message_at, created_at) VALUES ($1, $2, $3, $4, $5, $5, $6)",
      [longThread.id, member.id, team.id, longThread.subject, at(longCount), at(1)],
    );
    const rows: unknown[] = [];
    for (let i = 1; i <= longCount; i++) {
      rows.push(randomUUID(), longThread.id, i % 2 === 0 ? member.id : guide.id, `Long thread message ${nth(i)}`, randomUUID(), at(i));
    }
    await client.query(
      `INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at) VALUES ${Array.from(
        { length: longCount },
        (_, k) => `($${k * 6 + 1}, $${k * 6 + 2}, $${k * 6 + 3}, 'MEMBER', $${k * 6 + 4}, $${k * 6 + 5}, $${k * 6 + 6})`,
      ).join(", ")}`,
      rows,
    );

    // 150 open tickets, waiting longest first: ticket i has waited since (2 × 150 − i) minutes ago.
    const queueSubjects: string[] = [];
    for (let i = 1; i <= longCount; i++) {
      const threadId = randomUUID();
      const subject = `E2E queue ${tag} ticket ${nth(i)}`;
      const since = new Date(now - (2 * longCount - i) * minute - 10 * longCount * minute);
      queueSubjects.push(subject);
      await client.query(
        "INSERT INTO threads (id, member_id, team_id, subject, last_message_at, last_member_message_at, created_at) VALUES ($1, $2, $3, $4, $5, $5, $5)",
        [threadId, member.id, team.id, subject, since],
      );
      await client.query(
        "INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at) VALUES ($1, $2, $3, 'MEMBER', $4, $5, $6)",
        [randomUUID(), threadId, member.id, `Question ${nth(i)}`, randomUUID(), since],
      );
      await client.query(
        "INSERT INTO tickets (id, thread_id, queue_id, team_id, status, waiting_since, last_activity_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'OPEN', $5, $5, $5, $5)",
        [randomUUID(), threadId, queueId, team.id, since],
      );
    }
    return { tag, team, guide, member, longThread, queueSubjects };
  });
}

export const test = base.extend<{ world: LongListsWorld }>({
  world: async ({}, use) => {
    await use(await seedLongListsWorld());
  },
});
export { expect } from "@playwright/test";
