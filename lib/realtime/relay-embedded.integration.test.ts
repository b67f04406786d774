// The relay on the embedded default (PGlite, as `npm run demo` runs): stamping on the one
// in-process database, fan-out through the in-process bus, replay, and typing.
import { randomUUID } from "node:crypto";
import { leaveEmbedded, switchToEmbedded, type EmbeddedDatabase } from "../../test/embedded-database";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RoutedEvent } from "./routing";

let database: EmbeddedDatabase | undefined;

async function embedded() {
  database = await switchToEmbedded("realtime");
  return {
    client: database.client,
    actorFor: (await import("../../test/actors")).actorFor,
    createThread: (await import("../domain/threads/create-thread")).createThread,
    sendMessage: (await import("../domain/messages/send-message")).sendMessage,
    announceTyping: (await import("../domain/realtime/announce-typing")).announceTyping,
    deactivateUser: (await import("../domain/admin/deactivate-user")).deactivateUser,
    unsafeLoadActor: (await import("../domain/auth/unsafe-load-actor")).unsafeLoadActor,
    RealtimeRelay: (await import("./relay")).RealtimeRelay,
  };
}

let m: Awaited<ReturnType<typeof embedded>>;
beforeAll(async () => {
  m = await embedded();
  expect(m.client.databaseKind()).toBe("pglite");
}, 120_000);

afterAll(() => leaveEmbedded(database));

function probe(actor: Awaited<ReturnType<typeof m.actorFor>>) {
  const events: RoutedEvent[] = [];
  return {
    events,
    sub: {
      actor,
      recheck: async () => actor,
      send: (e: RoutedEvent) => (events.push(e), true),
      control: () => undefined,
      heartbeat: () => true,
      close: () => undefined,
    },
  };
}

async function until(check: () => boolean, what: string) {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

it("stamps, fans out, replays and carries typing in-process", async () => {
  const relay = new m.RealtimeRelay();
  try {
    const [member, guide, guide2] = await Promise.all([m.actorFor("member@demo.test"), m.actorFor("guide@demo.test"), m.actorFor("guide2@demo.test")]);
    const g = probe(guide);
    const g2 = probe(guide2);
    const mem = probe(member);
    const stops = [await relay.subscribe(g.sub, null), await relay.subscribe(g2.sub, null), await relay.subscribe(mem.sub, null)];
    const { thread } = await m.createThread(member, { body: `Embedded realtime ${randomUUID()}`, clientMessageId: randomUUID() });
    await until(() => g.events.some((e) => e.type === "ticket.created" && e.threadId === thread.id), "ticket.created");
    await relay.publishEphemeral(await m.announceTyping(guide, thread.id, { visibility: "member" }));
    await until(() => mem.events.some((e) => e.type === "typing"), "typing at the member");
    expect(g2.events).toEqual([]);
    expect(mem.events.some((e) => e.type.startsWith("ticket."))).toBe(false);

    // Replay from before the thread existed.
    const from = g.events[0]!.seq! - 1n;
    const r = probe(guide);
    stops.push(await relay.subscribe(r.sub, from));
    expect(r.events.map((e) => e.seq)).toEqual(g.events.filter((e) => e.seq !== null).map((e) => e.seq));
    for (const stop of stops) stop();
  } finally {
    await relay.stop();
  }
}, 60_000);

it("a deactivation closes the person's stream at once through the in-process bus", async () => {
  const relay = new m.RealtimeRelay();
  try {
    const [admin, guide2] = await Promise.all([m.actorFor("admin@demo.test"), m.actorFor("guide2@demo.test")]);
    let closedAt: number | null = null;
    const p = probe(guide2);
    const stop = await relay.subscribe({ ...p.sub, recheck: () => m.unsafeLoadActor(guide2.userId, { ip: null, userAgent: null }), close: () => void (closedAt ??= Date.now()) }, null);
    await m.deactivateUser(admin, guide2.userId);
    const changedAt = Date.now();
    await until(() => closedAt !== null, "the stream to close");
    // The periodic re-check would take 20 s.
    expect(closedAt! - changedAt).toBeLessThan(2_000);
    stop();
  } finally {
    await relay.stop();
  }
}, 60_000);
