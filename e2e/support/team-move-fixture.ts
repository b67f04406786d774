/**
 * Seeds the people of the team-move spec (e2e/admin/team-move.spec.ts) straight into the run's
 * PostgreSQL database, so the spec never moves a demo member other specs rely on: two
 * concierge teams of its own (with queues), a care guide on each, a nurse on the first, and a
 * member of the first team with one conversation whose ticket is CLOSED. Everyone signs in
 * with the demo password (argon2id with the app's parameters, lib/auth/password.ts).
 */
import { randomUUID } from "node:crypto";
import { test as base } from "@playwright/test";
import { seedInTransaction, type SeededPerson } from "./seed-database";

export type { SeededPerson } from "./seed-database";
export type TeamMoveWorld = {
  from: { id: string; name: string };
  to: { id: string; name: string };
  guideFrom: SeededPerson;
  nurseFrom: SeededPerson;
  guideTo: SeededPerson;
  member: SeededPerson;
  closedThread: { id: string; subject: string };
};

export async function seedTeamMoveWorld(): Promise<TeamMoveWorld> {
  const tag = randomUUID().slice(0, 8);
  return seedInTransaction(async ({ client, team, person: seedPerson }) => {
    const person = (role: string, label: string, teamId: string | null) =>
      seedPerson(role, `e2e.move.${label}.${tag}@example.test`, `E2E ${label} ${tag}`, teamId);
    const from = await team(`E2E Move-from ${tag}`);
    const to = await team(`E2E Move-to ${tag}`);
    const guideFrom = await person("CARE_GUIDE", "guide-from", from.id);
    const nurseFrom = await person("NURSE", "nurse-from", from.id);
    const guideTo = await person("CARE_GUIDE", "guide-to", to.id);
    const member = await person("MEMBER", "member", null);
    await client.query(
      "INSERT INTO member_profiles (user_id, member_number, date_of_birth, sex, team_id, address_line1, city, updated_at) VALUES ($1, $2, '1984-03-02', 'FEMALE', $3, '12 Moving Lane', 'Springfield', now())",
      [member.id, `E2E-${tag}`, from.id],
    );
    // One conversation with the first team, answered and closed before the move.
    const closedThread = { id: randomUUID(), subject: `E2E old question ${tag}` };
    const earlier = new Date(Date.now() - 3 * 24 * 3600_000);
    await client.query("INSERT INTO threads (id, member_id, team_id, subject, last_message_at, created_at) VALUES ($1, $2, $3, $4, $5, $5)", [
      closedThread.id,
      member.id,
      from.id,
      closedThread.subject,
      earlier,
    ]);
    await client.query(
      "INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at) VALUES ($1, $2, $3, 'MEMBER', 'Can I get a new card?', $4, $5)",
      [randomUUID(), closedThread.id, member.id, randomUUID(), earlier],
    );
    await client.query(
      "INSERT INTO tickets (id, thread_id, queue_id, team_id, status, assignee_id, closed_at, last_activity_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'CLOSED', $5, $6, $6, $6, $6)",
      [randomUUID(), closedThread.id, from.queueId, from.id, guideFrom.id, earlier],
    );
    return { from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name }, guideFrom, nurseFrom, guideTo, member, closedThread };
  });
}

export const test = base.extend<{ world: TeamMoveWorld }>({
  world: async ({}, use) => {
    await use(await seedTeamMoveWorld());
  },
});
export { expect } from "@playwright/test";
