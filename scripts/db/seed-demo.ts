/**
 * npm run db:seed-demo — loads the demo data set into the PostgreSQL database named by
 * DATABASE_URL (run `npm run db:migrate` first). Does nothing when the demo data is already
 * there. Prints row counts only, never names or other PHI.
 *
 * The embedded PGlite database needs no script: demo mode seeds it at start.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "../../lib/env";
import { Prisma, PrismaClient } from "../../lib/db/generated/client";
import { seedDemoData } from "../../prisma/seed/seed-demo-data";

async function main(): Promise<number> {
  const env = getEnv();
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is required: set it to the postgres:// URL of the database to seed.");
    return 2;
  }
  if (env.NODE_ENV === "production" && !env.DEMO_MODE) {
    console.error("Refusing to load demo data with NODE_ENV=production (set DEMO_MODE=1 for a demo deployment).");
    return 2;
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const started = performance.now();
    const { seeded } = await seedDemoData(prisma);
    const ms = Math.round(performance.now() - started);
    if (!seeded) {
      console.log(`Demo data already present; nothing to do (${ms} ms).`);
      return 0;
    }
    console.log(`Demo data loaded in ${ms} ms:`);
    console.table(await countRows(prisma));
    console.log('Every demo account signs in with the password "demo-password".');
    return 0;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021") {
      console.error("The database has no tables yet: run `npm run db:migrate` first.");
      return 1;
    }
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}

async function countRows(prisma: PrismaClient): Promise<Record<string, number>> {
  const [users, staff, members, teams, queues, plans, healthTags, threads, messages, tickets, ticketEvents] =
    await Promise.all([
      prisma.user.count(),
      prisma.user.count({ where: { role: { not: "MEMBER" } } }),
      prisma.memberProfile.count(),
      prisma.team.count(),
      prisma.queue.count(),
      prisma.plan.count(),
      prisma.healthTag.count(),
      prisma.thread.count(),
      prisma.message.count(),
      prisma.ticket.count(),
      prisma.ticketEvent.count(),
    ]);
  return { users, staff, members, teams, queues, plans, healthTags, threads, messages, tickets, ticketEvents };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The error's message and code only: never row contents.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Seeding the demo data failed: ${message}`);
    process.exit(1);
  },
);
