/**
 * Demo data (demo mode only, never in production): teams, staff, members, plans, health
 * tags and a few weeks of conversations. Called at every start in demo mode, so it must be
 * idempotent and quick: when the demo admin exists it returns at once.
 *
 * Content is deterministic (a fixed pseudo-random seed), so every machine shows the same
 * people and conversations; timestamps are relative to the moment of seeding, so the demo
 * always looks recent. Every demo account signs in with the password "demo-password".
 *
 * No audit rows are written: seeding is not an access to PHI by anyone.
 */
import { hashPassword } from "../../lib/auth/password";
import type { Prisma, PrismaClient } from "../../lib/db/generated/client";
import { buildThreads, type ThreadRows } from "./build-demo-threads";
import { buildMembers, type MemberRows } from "./demo-members";
import { DEMO_PASSWORD, DEMO_SENTINEL_EMAIL } from "./demo-people";
import { buildReferenceRows, type ReferenceRows } from "./demo-setup";
import { harborThreads } from "./demo-threads-harbor";
import { namedMemberThreads } from "./demo-threads-named";
import { otherChannelThreads, triageThreads } from "./demo-threads-other";
import { sunriseThreads } from "./demo-threads-sunrise";
import { createRandom } from "./seed-random";

/** The pseudo-random seed of the demo data set. Changing it changes every demo profile. */
const DEMO_RANDOM_SEED = 0x5eed_c0de;

/**
 * Transaction-scoped advisory lock, so that two app instances starting together on one
 * PostgreSQL seed once: the second waits, then finds the data and stops.
 */
const SEED_LOCK_KEY = 7_310_422_026;

/** Staff and member accounts together in `users`, parents before children throughout. */
export type DemoData = ReferenceRows & Omit<MemberRows, "users" | "byEmail"> & ThreadRows;

export async function seedDemoData(prisma: PrismaClient): Promise<{ seeded: boolean }> {
  if (await demoDataPresent(prisma)) return { seeded: false };

  const data = buildDemoData(new Date());
  // argon2id is slow on purpose (about a second for all demo accounts): the hashes run on
  // libuv's thread pool while the rows are inserted, and are set at the end of the same
  // transaction, so nobody can ever see an account without its password.
  const hashing = Promise.all(data.users.map(() => hashPassword(DEMO_PASSWORD)));
  hashing.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled

  const seeded = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if (await demoDataPresent(tx)) return false;
      // Parents before children; one INSERT per table.
      await tx.user.createMany({ data: data.users });
      await tx.team.createMany({ data: data.teams });
      await tx.queue.createMany({ data: data.queues });
      await tx.teamMembership.createMany({ data: data.memberships });
      await tx.slaPolicy.createMany({ data: data.slaPolicies });
      await tx.plan.createMany({ data: data.plans });
      await tx.healthTag.createMany({ data: data.healthTags });
      await tx.memberProfile.createMany({ data: data.profiles });
      await tx.memberServiceTeam.createMany({ data: data.serviceTeams });
      await tx.memberHealthTag.createMany({ data: data.memberTags });
      await tx.thread.createMany({ data: data.threads });
      await tx.message.createMany({ data: data.messages });
      // Follow-ups come after the tickets they follow (rows are in history order).
      await tx.ticket.createMany({ data: data.tickets });
      await tx.ticketEvent.createMany({ data: data.ticketEvents });
      const ids = data.users.map((u) => u.id);
      const hashes = await hashing;
      await tx.$executeRaw`
        UPDATE "users" AS u SET "password_hash" = v.hash
        FROM unnest(${ids}::uuid[], ${hashes}::text[]) AS v(id, hash)
        WHERE u.id = v.id`;
      return true;
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
  return { seeded };
}

async function demoDataPresent(db: Pick<Prisma.TransactionClient, "user">): Promise<boolean> {
  const admin = await db.user.findUnique({ where: { email: DEMO_SENTINEL_EMAIL }, select: { id: true } });
  return admin !== null;
}

/** Every row of the demo data set, without password hashes. Pure apart from ids and `now`. */
export function buildDemoData(now: Date): DemoData {
  const random = createRandom(DEMO_RANDOM_SEED);
  const { rows: reference, ctx } = buildReferenceRows(now, random);
  const members = buildMembers(ctx);
  const threads = buildThreads(ctx, members.byEmail, [
    ...namedMemberThreads,
    ...sunriseThreads,
    ...harborThreads,
    ...otherChannelThreads,
    ...triageThreads,
  ]);
  return {
    ...reference,
    users: [...reference.users, ...members.users],
    profiles: members.profiles,
    serviceTeams: members.serviceTeams,
    memberTags: members.memberTags,
    ...threads,
  };
}
