/**
 * Seeding a spec's own people straight into the run's PostgreSQL database (E2E_DATABASE_URL),
 * so a spec never changes demo accounts other specs rely on. Everyone seeded signs in with
 * the demo password (argon2id with the app's parameters, lib/auth/password.ts).
 */
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { demoPassword } from "../helpers";

export type SeededPerson = { id: string; email: string; name: string };
export type SeededTeam = { id: string; name: string; queueId: string };

export type Seeder = {
  client: pg.Client;
  /** A concierge team with its queue. */
  team(name: string): Promise<SeededTeam>;
  /** A person who signs in with the demo password; staff join `teamId` when given. */
  person(role: string, email: string, name: string, teamId?: string | null): Promise<SeededPerson>;
};

/** Runs `seed` in one transaction (rolled back on failure) on a connection of its own. */
export async function seedInTransaction<T>(seed: (s: Seeder) => Promise<T>): Promise<T> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is required");
  const passwordHash = await hash(demoPassword, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seeder: Seeder = {
    client,
    async team(name) {
      const team = { id: randomUUID(), name, queueId: randomUUID() };
      await client.query("INSERT INTO teams (id, name, kind, updated_at) VALUES ($1, $2, 'CONCIERGE', now())", [team.id, name]);
      await client.query("INSERT INTO queues (id, name, kind, team_id) VALUES ($1, $2, 'TEAM', $3)", [team.queueId, name, team.id]);
      return team;
    },
    async person(role, email, name, teamId = null) {
      const p = { id: randomUUID(), email, name };
      await client.query("INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, $4, $5, now())", [p.id, email, name, role, passwordHash]);
      if (role !== "MEMBER" && teamId) await client.query("INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)", [teamId, p.id]);
      return p;
    },
  };
  try {
    await client.query("BEGIN");
    const result = await seed(seeder);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
