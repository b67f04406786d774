/**
 * The raw connections of the realtime relay (lib/realtime/relay.ts, docs/realtime.md).
 *
 * On PostgreSQL each app instance keeps ONE dedicated `pg` client, outside Prisma's pool:
 *  - it LISTENs on the realtime channels (a pooled connection cannot: LISTEN belongs to a
 *    session, and the pool hands sessions around);
 *  - it holds the relay's session-level advisory lock when this instance is the stamper, and
 *    runs the stamping statements on that same session, so the lock lives exactly as long as
 *    the session that stamps (a dropped connection releases both at once);
 *  - it sends NOTIFY after the stamp has committed (never inside a hot transaction:
 *    ENVIRONMENT.md, NOTIFY serializes commits).
 *
 * On the embedded PGlite there is one process and one database handle: no connection is
 * opened here, and fan-out is an in-process EventEmitter (`null` is returned).
 */
import pg from "pg";
import { getEnv } from "../env";
import type { SqlExecutor } from "./sql-executor";

export type RealtimeConnection = SqlExecutor & {
  /** Subscribes to a channel; `onNotify` gets each payload (NOTIFY payloads are text). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  /** Called once when the connection breaks; the owner opens a new one. */
  onLost(handler: () => void): void;
};

const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** A dedicated PostgreSQL session for the relay, or null on the embedded database. */
export async function openRealtimeConnection(): Promise<RealtimeConnection | null> {
  const url = getEnv().DATABASE_URL;
  if (!url) return null;
  const client = new pg.Client({ connectionString: url, keepAlive: true });
  let lost: (() => void) | null = null;
  let ended = false;
  const fail = () => {
    if (ended) return;
    ended = true;
    client.removeAllListeners("notification");
    void client.end().catch(() => undefined);
    lost?.();
  };
  // ⚠ Without an error listener a dropped connection would crash the process.
  client.on("error", fail);
  client.on("end", fail);
  await client.connect();
  const handlers = new Map<string, (payload: string) => void>();
  client.on("notification", (n) => {
    const handler = handlers.get(n.channel);
    if (handler) handler(n.payload ?? "");
  });
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query(sql, params = []) {
      return (await client.query(sql, params)).rows;
    },
    async listen(channel, onNotify) {
      // LISTEN takes an identifier, not a parameter: only known, fixed names are allowed.
      if (!channelPattern.test(channel)) throw new Error("bad channel name");
      handlers.set(channel, onNotify);
      await client.query(`LISTEN ${channel}`);
    },
    onLost(handler) {
      lost = handler;
    },
    async close() {
      ended = true;
      await client.end().catch(() => undefined);
    },
  };
}
