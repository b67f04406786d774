/**
 * The realtime relay of one app instance (docs/realtime.md, DESIGN.md §1 and §5).
 *
 *  1. Stamping. Exactly one instance per database — the one holding a session-level
 *     advisory lock — stamps `delivery_seq` on committed outbox rows, every ~50 ms
 *     (lib/domain/outbox/stamp-outbox.ts explains why stamping after commit keeps replay
 *     loss-free). After a stamp commits it announces the new maximum: NOTIFY on PostgreSQL,
 *     an in-process EventEmitter on the embedded PGlite.
 *  2. Fan-out. Every instance LISTENs; on a notification (and on a 1 s safety poll) it
 *     reads the stamped rows after the last one it has seen — ONE read per batch, plus one
 *     read of the threads' current owners — and hands them to its own connected users.
 *  3. Filtering. Each connection holds its receiver's scope (teams, collaborations,
 *     emergency accesses), refreshed on a timer and on events that change it, so an event
 *     is checked in memory (lib/realtime/routing.ts), never with a query per connection.
 *     ⚠ Revocation is immediate: a change that takes access away writes a `scope.changed`
 *     outbox row in its own transaction (lib/domain/realtime/scope-changed-event.ts); every
 *     stream of that user, on every instance, re-checks its receiver when that row passes,
 *     before it delivers anything after it (a failed check closes the stream).
 *  5. Limits. At most `maxStreamsPerUser` streams per user on this instance (the oldest is
 *     closed when one more opens); a client too far behind is dropped by lib/realtime/sse.ts
 *     and resumes with Last-Event-ID.
 *  4. Ephemeral events (typing) skip the outbox: NOTIFY with the routed event on
 *     PostgreSQL, the EventEmitter on PGlite. They have no id and are never replayed.
 *
 * An instance that restarts loses nothing: its clients reconnect (to it or another one)
 * with Last-Event-ID and replay from the outbox.
 */
import type { Actor } from "../access/actor";
import { getEnv } from "../env";
import { stampBatchSize } from "../domain/outbox/stamp-outbox";
import { openRelayChannel, type RelayChannel } from "../domain/realtime/relay-channel";
import { unsafeLoadRealtimeScope } from "../domain/realtime/unsafe-load-realtime-scope";
import { unsafeLoadEventViews } from "../domain/realtime/unsafe-load-event-views";
import { unsafeLoadThreadRouting, unsafeMaxDeliverySeq, unsafeReadReplayPage, unsafeReadStampedEvents } from "../domain/realtime/unsafe-read-outbox";
import { logger } from "../log/logger";
import { DisclosureLog } from "./disclosure-log";
import type { EventView, LiveAudience } from "./event-views";
import { canReceive, changesScopeOf, scopeChangedType, type RealtimeScope, type RoutedEvent, type ThreadRouting } from "./routing";

export const realtimeTimings = {
  /** How often the stamper looks for committed rows. */
  stampIntervalMs: 50,
  /** How often a non-stamper instance tries to take over the stamping lock. */
  leaderRetryMs: 2_000,
  /** Safety net for a missed NOTIFY. */
  pollMs: 1_000,
  /** Heartbeat comment on every stream. */
  heartbeatMs: 15_000,
  /**
   * Safety net: the receiver is checked again (session limits, deactivated, signed out, role
   * changed → closed) and its scope reloaded. Revocations do not wait for it: they signal
   * the streams at once (`scope.changed`).
   */
  recheckMs: 20_000,
};

/** Replays larger than this (in sequence numbers) are refused with `resync`. */
export const maxReplayGap = 20_000n;
const replayPage = 500;
const fanOutBatch = 1_000;


/** What the relay needs from a connected stream. */
export type Subscriber = {
  actor: Actor;
  /** Checks the receiver again (session, account); null closes the stream. */
  recheck: () => Promise<Actor | null>;
  /**
   * Writes one event with the view of the receiver's audience (null: no view); false when
   * the client cannot keep up (the stream is then closed).
   */
  send: (event: RoutedEvent, audience: LiveAudience | null) => boolean;
  control: (type: "ready" | "resync", id: bigint | null) => void;
  heartbeat: () => boolean;
  close: () => void;
};

type Pending = { events: RoutedEvent[]; routing: Map<string, ThreadRouting> };

/** Until the first load: matches nothing (the connection only buffers while it replays). */
function emptyScope(actor: Actor): RealtimeScope {
  return { userId: actor.userId, role: actor.role, teamIds: new Set(), collaborations: new Set(), emergencies: new Map() };
}

class Connection {
  scope: RealtimeScope;
  position: bigint;
  replaying = true;
  buffered: Pending[] = [];
  closed = false;
  chain: Promise<void> = Promise.resolve();
  timers: NodeJS.Timeout[] = [];

  constructor(
    readonly sub: Subscriber,
    scope: RealtimeScope,
    position: bigint,
    private readonly onClose: (c: Connection) => void,
    private readonly disclosures: DisclosureLog,
  ) {
    this.scope = scope;
    this.position = position;
  }

  /** Events are processed strictly in order, one batch after another. */
  enqueue(batch: Pending): void {
    if (this.closed) return;
    if (this.replaying) {
      this.buffered.push(batch);
      return;
    }
    this.chain = this.chain.then(() => this.deliver(batch)).catch(() => this.close());
  }

  async deliver({ events, routing }: Pending): Promise<void> {
    // ⚠ SECURITY: rows that became visible in the same stamping round are ordered by id, and
    // ids are taken inside the writing transaction — so a message whose transaction began
    // before a revocation but committed after it can sit AHEAD of that revocation in this
    // batch. Re-check the receiver before delivering anything of a batch that changes its
    // scope anywhere; delivering a little less (fail closed) is the right side to err on.
    const unseen = events.filter((e) => e.seq === null || e.seq > this.position);
    if (unseen.some((e) => changesScopeOf(e) === this.scope.userId) && !(await this.reloadScope())) return;
    for (const event of events) {
      if (this.closed) return;
      if (event.seq !== null && event.seq <= this.position) continue;
      // ⚠ A removed collaboration (or a new one), or any revocation (`scope.changed`: the
      // account was deactivated, signed out, changed role or teams, its key was revoked)
      // changes this receiver's scope from this event on. The re-check above, made after the
      // whole batch had committed, already covers every such event in it; a batch without
      // one holds none, so nothing here re-checks again.
      if (event.type === scopeChangedType) {
        if (event.seq !== null) this.position = event.seq;
        continue;
      }
      const thread = event.threadId ? (routing.get(event.threadId) ?? (event.seq === null ? ephemeralRouting(event) : undefined)) : undefined;
      if (canReceive(this.scope, event, thread, Date.now())) {
        const audience = viewAudience(this.scope.role === "MEMBER" ? "member" : "staff", event.views);
        if (!this.sub.send(event, audience)) {
          this.close();
          return;
        }
        if (audience && thread) this.disclosures.note(event, audience, this.scope.userId, thread.memberId);
      }
      if (event.seq !== null) this.position = event.seq;
    }
  }

  async reloadScope(): Promise<boolean> {
    const actor = await this.sub.recheck();
    if (!actor) {
      this.close();
      return false;
    }
    this.scope = await unsafeLoadRealtimeScope(actor);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.onClose(this);
    this.sub.close();
  }
}

/**
 * ⚠ SECURITY: the audience whose view a receiver gets — after canReceive let the event
 * through. A member gets the member view only, and only if it is a member-visible message
 * (checked again here, beside unsafe-load-event-views.ts which builds it only from one).
 */
function viewAudience(audience: LiveAudience, views: RoutedEvent["views"]): LiveAudience | null {
  const view: EventView | undefined = views?.[audience];
  if (!view) return null;
  if (audience === "member" && view.message?.visibility !== "member") return null;
  return audience;
}

function ephemeralRouting(event: RoutedEvent): ThreadRouting | undefined {
  // Typing events are built from a scoped read of the thread a moment ago.
  return event.memberId ? { teamId: event.teamId, memberId: event.memberId } : undefined;
}

export type RelayOptions = {
  /** Open streams per user on this instance; the oldest is closed when one more opens. Default EVENT_STREAMS_PER_USER. */
  maxStreamsPerUser?: number;
};

export class RealtimeRelay {
  private readonly connections = new Set<Connection>();
  /** Each user's streams on this instance, oldest first (a Set iterates in insertion order). */
  private readonly byUser = new Map<string, Set<Connection>>();
  private channel: RelayChannel | null = null;
  private running = false;
  private lastSeq = 0n;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private timers: NodeJS.Timeout[] = [];
  private stampTimer: NodeJS.Timeout | null = null;
  private started: Promise<void> | null = null;
  private readonly disclosures = new DisclosureLog();

  constructor(private readonly options: RelayOptions = {}) {}

  private get maxStreamsPerUser(): number {
    return this.options.maxStreamsPerUser ?? getEnv().EVENT_STREAMS_PER_USER;
  }

  /** Starts stamping (if this instance wins the lock) and fan-out. Idempotent. */
  start(): Promise<void> {
    this.started ??= this.boot().catch((error) => {
      this.started = null;
      this.running = false;
      throw error;
    });
    return this.started;
  }

  private async boot(): Promise<void> {
    this.running = true;
    this.lastSeq = await unsafeMaxDeliverySeq();
    await this.connect();
    this.timers.push(setInterval(() => this.schedulePump(), realtimeTimings.pollMs));
    for (const t of this.timers) t.unref();
    this.scheduleStamp(0);
  }

  private async connect(): Promise<void> {
    const channel = await openRelayChannel({
      onStamped: () => this.schedulePump(),
      onLive: (event) => this.dispatch({ events: [event], routing: new Map() }),
      onLost: () => {
        if (this.channel !== channel) return;
        this.channel = null;
        logger.warn({}, "realtime connection lost; reconnecting");
        const retry = () => {
          if (!this.running) return;
          this.connect().catch(() => setTimeout(retry, 1_000).unref());
        };
        setTimeout(retry, 500).unref();
      },
    });
    if (!this.running) {
      await channel.close();
      return;
    }
    this.channel = channel;
    // Whatever was stamped while we were away.
    this.schedulePump();
  }

  // ── stamping ────────────────────────────────────────────────────────────────────────

  private scheduleStamp(delay: number): void {
    if (!this.running) return;
    this.stampTimer = setTimeout(() => void this.stampRound(), delay);
    this.stampTimer.unref();
  }

  private async stampRound(): Promise<void> {
    let next: number = realtimeTimings.stampIntervalMs;
    try {
      const channel = this.channel;
      if (channel && (await channel.tryLead())) {
        const result = await channel.stamp();
        if (result.count === stampBatchSize) next = 0;
      } else {
        next = realtimeTimings.leaderRetryMs;
      }
    } catch (error) {
      logger.warn({ err: error }, "outbox stamping failed; retrying");
      next = 1_000;
    }
    this.scheduleStamp(next);
  }

  // ── fan-out ─────────────────────────────────────────────────────────────────────────

  private schedulePump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => logger.warn({ err: error }, "realtime fan-out failed; retrying on the next poll"))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.schedulePump();
        }
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const stamped = await unsafeReadStampedEvents(this.lastSeq, null, fanOutBatch);
      if (stamped.length === 0) return;
      // Nobody connected to this instance: nothing to route or to build views for. The
      // position moves on in the same synchronous step as the check, so a stream that
      // subscribes afterwards starts from the new position and replays anything it asks
      // for before it from the outbox; one that subscribed before the check is served below.
      if (this.connections.size === 0) {
        this.lastSeq = stamped[stamped.length - 1]!.seq!;
        if (stamped.length < fanOutBatch) return;
        continue;
      }
      // Once per batch for every connection of this instance: the threads' owners and the
      // audiences' views of the changed rows.
      const [routing, events] = await Promise.all([
        unsafeLoadThreadRouting(stamped.flatMap((e) => (e.threadId ? [e.threadId] : []))),
        unsafeLoadEventViews(stamped),
      ]);
      this.dispatch({ events, routing });
      this.lastSeq = events[events.length - 1]!.seq!;
      if (events.length < fanOutBatch) return;
    }
  }

  private dispatch(batch: Pending): void {
    for (const c of this.connections) c.enqueue(batch);
  }

  /** Publishes an ephemeral event (typing) to every instance's receivers. */
  async publishEphemeral(event: RoutedEvent): Promise<void> {
    await this.start();
    // Reconnecting: a typing hint may be dropped, by design.
    await this.channel?.publishLive(event);
  }

  // ── connections ────────────────────────────────────────────────────────────────────

  /**
   * Connects one stream: replays after `lastEventId` (permission-filtered with a freshly
   * loaded scope), then goes live with no gap and no duplicate (live events arriving during
   * the replay wait, and anything at or below the replayed position is skipped).
   */
  async subscribe(sub: Subscriber, lastEventId: bigint | null): Promise<() => void> {
    await this.start();
    // ⚠ The position is taken, and the connection registered (it buffers while replaying),
    // BEFORE the receiver is checked and its scope loaded: a revocation stamped before this
    // point is seen by the check below, one stamped after it reaches the connection live.
    // (The actor the route loaded a moment ago could already be stale.)
    const head = this.lastSeq;
    const connection = new Connection(sub, emptyScope(sub.actor), head, (c) => this.forget(c), this.disclosures);
    this.register(connection);
    const stop = () => connection.close();
    try {
      const actor = await sub.recheck();
      if (!actor) {
        connection.close();
        return stop;
      }
      connection.scope = await unsafeLoadRealtimeScope(actor);
      if (lastEventId === null) {
        sub.control("ready", head);
      } else if (lastEventId > head + 1_000n || head - lastEventId > maxReplayGap || lastEventId < 0n) {
        // Unknown future id (another database?) or a gap too large to replay: start afresh.
        sub.control("resync", head);
      } else {
        connection.position = lastEventId;
        sub.control("ready", lastEventId);
        await this.replay(connection, lastEventId, head);
      }
    } catch (error) {
      connection.close();
      throw error;
    }
    // Closed meanwhile (the client left, or a newer stream of the user took its place): no timers.
    if (connection.closed) return stop;
    connection.replaying = false;
    for (const batch of connection.buffered.splice(0)) connection.enqueue(batch);
    connection.timers.push(
      setInterval(() => {
        if (!sub.heartbeat()) connection.close();
      }, realtimeTimings.heartbeatMs),
      setInterval(() => {
        connection.chain = connection.chain.then(() => connection.reloadScope().then(() => undefined)).catch(() => connection.close());
      }, realtimeTimings.recheckMs),
    );
    for (const t of connection.timers) t.unref();
    return stop;
  }

  /**
   * Adds a connection and caps its user's streams on this instance: a few tabs are normal,
   * thousands (a leaked key, a script) would pin memory — the oldest streams are closed.
   */
  private register(connection: Connection): void {
    const userId = connection.sub.actor.userId;
    this.connections.add(connection);
    const mine = this.byUser.get(userId) ?? new Set<Connection>();
    this.byUser.set(userId, mine);
    mine.add(connection);
    for (const oldest of [...mine].slice(0, Math.max(0, mine.size - this.maxStreamsPerUser))) oldest.close();
  }

  private forget(connection: Connection): void {
    this.connections.delete(connection);
    const userId = connection.sub.actor.userId;
    const mine = this.byUser.get(userId);
    mine?.delete(connection);
    if (mine?.size === 0) this.byUser.delete(userId);
  }

  private async replay(connection: Connection, after: bigint, upTo: bigint): Promise<void> {
    let from = after;
    while (from < upTo && !connection.closed) {
      const page = await unsafeReadReplayPage(connection.scope, from, upTo, replayPage);
      const [routing, events] = await Promise.all([
        unsafeLoadThreadRouting(page.events.flatMap((e) => (e.threadId ? [e.threadId] : []))),
        unsafeLoadEventViews(page.events),
      ]);
      await connection.deliver({ events, routing });
      if (page.scanned === null || page.scanned <= from) break;
      from = page.scanned;
      connection.position = from;
    }
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops everything (tests, benchmarks, shutdown). */
  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.stampTimer) clearTimeout(this.stampTimer);
    for (const c of [...this.connections]) c.close();
    await this.pumping?.catch(() => undefined);
    await this.disclosures.flush();
    const channel = this.channel;
    this.channel = null;
    this.started = null;
    await channel?.close();
  }
}

// One relay per process, shared by every bundle of the build (like the database client).
const globalKey = Symbol.for("concierge.realtime");
type GlobalWithRelay = typeof globalThis & { [globalKey]?: RealtimeRelay };

export function getRelay(): RealtimeRelay {
  const g = globalThis as GlobalWithRelay;
  g[globalKey] ??= new RealtimeRelay();
  return g[globalKey];
}
