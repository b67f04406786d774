/**
 * The database side of the realtime relay (lib/realtime/relay.ts): stamping under the
 * relay lock, and the channels that carry "new events were stamped" and ephemeral events
 * to every instance. PostgreSQL: one dedicated session per instance (LISTEN, the advisory
 * lock, the stamps and NOTIFY; lib/db/realtime-connection.ts). Embedded PGlite: one process,
 * so the channel is an in-process EventEmitter and this instance is always the stamper.
 */
import { EventEmitter } from "node:events";
import { getEmbeddedPglite } from "../../db/client";
import { openRealtimeConnection } from "../../db/realtime-connection";
import { pgliteExecutor, type SqlExecutor } from "../../db/sql-executor";
import type { RoutedEvent } from "../../realtime/routing";
import { stampOutbox, type StampResult } from "../outbox/stamp-outbox";

const outboxChannel = "concierge_outbox";
const liveChannel = "concierge_live";
/** Not shared with any other lock of the app (migrations, audit sealer). */
const relayLockKey = "418581342599";

export type RelayChannelHandlers = {
  /** Rows were stamped (on any instance). */
  onStamped: () => void;
  /** An ephemeral event was published (on any instance). */
  onLive: (event: RoutedEvent) => void;
  /** The PostgreSQL session broke: the relay opens a new channel. */
  onLost: () => void;
};

export type RelayChannel = {
  embedded: boolean;
  /** Takes the stamper role if no other instance holds it; true while this instance holds it. */
  tryLead(): Promise<boolean>;
  /** Stamps a batch and, when rows were stamped, tells every instance. Only call while leading. */
  stamp(): Promise<StampResult>;
  publishLive(event: RoutedEvent): Promise<void>;
  close(): Promise<void>;
};

export async function openRelayChannel(handlers: RelayChannelHandlers): Promise<RelayChannel> {
  const pglite = await getEmbeddedPglite();
  if (pglite) {
    const sql: SqlExecutor = pgliteExecutor(pglite);
    const bus = new EventEmitter();
    bus.on("stamped", handlers.onStamped);
    bus.on("live", handlers.onLive);
    return {
      embedded: true,
      tryLead: async () => true,
      async stamp() {
        const result = await stampOutbox(sql);
        if (result.maxSeq !== null) bus.emit("stamped");
        return result;
      },
      async publishLive(event) {
        bus.emit("live", event);
      },
      async close() {
        bus.removeAllListeners();
      },
    };
  }

  const conn = await openRealtimeConnection();
  if (!conn) throw new Error("realtime connection unavailable");
  let leading = false;
  conn.onLost(() => {
    leading = false;
    handlers.onLost();
  });
  await conn.listen(outboxChannel, () => handlers.onStamped());
  await conn.listen(liveChannel, (payload) => {
    const event = parseLiveEvent(payload);
    if (event) handlers.onLive(event);
  });
  return {
    embedded: false,
    async tryLead() {
      if (leading) return true;
      const [row] = await conn.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${relayLockKey}) AS locked`);
      leading = row?.locked === true;
      return leading;
    },
    async stamp() {
      const result = await stampOutbox(conn);
      // After the stamp has committed, outside any hot transaction (ENVIRONMENT.md).
      if (result.maxSeq !== null) await conn.query("SELECT pg_notify($1, $2)", [outboxChannel, result.maxSeq.toString()]);
      return result;
    },
    async publishLive(event) {
      await conn.query("SELECT pg_notify($1, $2)", [liveChannel, JSON.stringify({ ...event, seq: null })]);
    },
    async close() {
      leading = false;
      await conn.close();
    },
  };
}

function parseLiveEvent(payload: string): RoutedEvent | null {
  try {
    const e = JSON.parse(payload) as RoutedEvent;
    if (typeof e.type !== "string" || typeof e.payload !== "object" || e.payload === null) return null;
    return { seq: null, type: e.type, teamId: e.teamId ?? null, threadId: e.threadId ?? null, memberId: e.memberId ?? null, userId: e.userId ?? null, payload: e.payload };
  } catch {
    return null;
  }
}
