/**
 * ⚠ SECURITY: rate limits whose counters live in the database (table `rate_limits`,
 * rate-limiter-flexible's Prisma store over our own client, so PostgreSQL and embedded
 * PGlite alike). Every app instance reads and writes the same rows, so N instances allow
 * the limit once, not N times, and a restart forgets nothing.
 *
 * Each take is ONE statement (SingleStatementRateLimiter below): an atomic
 * INSERT … ON CONFLICT DO UPDATE that increments the row, or starts a new window when the
 * old one has ended — concurrent takes are all counted, and sign-in pays one round trip.
 *
 * Subjects (an email, an address, a user id) are stored as a SHA-256, never in clear: the
 * table must not become a list of every email someone typed into the sign-in form.
 */
import { createHash } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb, getSql } from "../../db/client";

type StoredCounter = { points: number; expire: Date | null };

/**
 * Adds points to a key's counter, or starts a new window when the stored one has ended (or
 * `forceExpire`). $1 key, $2 points, $3 the new window's end (null: none), $4 forceExpire,
 * $5 now.
 */
const upsertCounterSql = `
  INSERT INTO rate_limits (key, points, expire) VALUES ($1, $2, $3::timestamptz)
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN $4::boolean OR (rate_limits.expire IS NOT NULL AND rate_limits.expire <= $5::timestamptz)
                  THEN EXCLUDED.points ELSE rate_limits.points + EXCLUDED.points END,
    expire = CASE WHEN $4::boolean OR (rate_limits.expire IS NOT NULL AND rate_limits.expire <= $5::timestamptz)
                  THEN EXCLUDED.expire ELSE rate_limits.expire END
  RETURNING points, expire`;

/**
 * The library's Prisma store with its upsert in one statement instead of two (a
 * deleteMany of the expired row, then an upsert): the same table, the same semantics — a
 * row whose window has ended starts again from the points taken now.
 */
class SingleStatementRateLimiter extends RateLimiterPrisma {

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<StoredCounter> {
    const now = new Date();
    const expire = msDuration > 0 ? new Date(now.getTime() + msDuration) : null;
    // A named prepared statement through the app's pool (getSql): every send pays this
    // statement, and through Prisma's $queryRaw it cost several times the CPU
    // (docs/performance.md, "CPU per request").
    const sql = await getSql();
    const rows = await sql<StoredCounter>(upsertCounterSql, [key, points, expire, forceExpire, now], { name: "rate-limit-upsert" });
    return rows[0]!;
  }
}

export type RateLimitOptions = {
  /** Names the limiter: "<keyPrefix>:<hash of subject>" is the row's key. */
  keyPrefix: string;
  /** Attempts allowed per window. */
  points: number;
  /** The window, in seconds, counted from the first attempt in it. */
  durationSeconds: number;
};

export type Take = { allowed: boolean; remaining: number };

export type SharedRateLimiter = {
  /** Takes one attempt. `allowed` false when the budget was already spent. */
  take(subject: string): Promise<Take>;
  /** Gives one attempt back (never below zero, never into a window that has ended). */
  refund(subject: string): Promise<void>;
  /** Forgets the subject's counter. */
  clear(subject: string): Promise<void>;
};

function subjectKey(subject: string): string {
  return createHash("sha256").update(subject).digest("hex");
}

/** A new limiter object (as each app instance has its own); the counters are shared. */
export function sharedRateLimiter(options: RateLimitOptions): SharedRateLimiter {
  let store: Promise<RateLimiterPrisma> | undefined;
  const limiter = () =>
    (store ??= getDb().then(
      (db) =>
        new SingleStatementRateLimiter({
          storeClient: db,
          // The Prisma client's property for model RateLimit (prisma/schema.prisma).
          tableName: "rateLimit",
          keyPrefix: options.keyPrefix,
          points: options.points,
          duration: options.durationSeconds,
        }),
    ));

  return {
    async take(subject) {
      const l = await limiter();
      try {
        const res = await l.consume(subjectKey(subject));
        return { allowed: true, remaining: res.remainingPoints };
      } catch (rejection) {
        // A RateLimiterRes is "spent"; anything else is a database failure: never "allowed".
        if (rejection instanceof RateLimiterRes) return { allowed: false, remaining: 0 };
        throw rejection;
      }
    },
    async refund(subject) {
      const l = await limiter();
      const db = await getDb();
      // Not the library's reward(): on a missing or expired row it would create one with
      // negative points, a credit an attacker could bank for the next window.
      await db.rateLimit.updateMany({
        where: { key: l.getKey(subjectKey(subject)), points: { gt: 0 }, expire: { gt: new Date() } },
        data: { points: { decrement: 1 } },
      });
    },
    async clear(subject) {
      const l = await limiter();
      await l.delete(subjectKey(subject));
    },
  };
}
