/**
 * Counts database round trips in integration tests: checkouts of the PostgreSQL pool that
 * every query goes through (Prisma's and getSql's). Outside a transaction each statement is
 * one checkout.
 */
import { getDb, getPoolForRoundTripCount } from "../lib/db/client";

export async function countRoundTrips(run: () => Promise<unknown>): Promise<number> {
  await getDb(); // opened (and prepared) before counting
  const pool = await getPoolForRoundTripCount();
  if (!pool) throw new Error("round trips are counted on PostgreSQL");
  let n = 0;
  const onAcquire = () => void n++;
  pool.on("acquire", onAcquire);
  try {
    await run();
  } finally {
    pool.removeListener("acquire", onAcquire);
  }
  return n;
}
