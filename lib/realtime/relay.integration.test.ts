/**
 * The realtime relay against PostgreSQL: stamping after commit, fan-out by LISTEN/NOTIFY,
 * permission filtering at delivery time, replay with Last-Event-ID, and permission changes
 * (a removed collaboration, an expired emergency access) taking effect for live AND replayed
 * events. Two relays in one process stand for two app instances.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../test/actors";
import type { Actor } from "../access/actor";
import { getDb } from "../db/client";
import { listMessages } from "../domain/messages/list-messages";
import { sendMessage } from "../domain/messages/send-message";
import { createThread } from "../domain/threads/create-thread";
import { removeCollaborator } from "../domain/collaborators/remove-collaborator";
import { announceTyping } from "../domain/realtime/announce-typing";
import { getThreadSeen } from "../domain/realtime/get-thread-seen";
import { RealtimeRelay } from "./relay";
import type { RoutedEvent } from "./routing";

const key = () => `rt-${randomUUID()}`;
const text = (label: string) => `Realtime test ${label} ${randomUUID()}`;

type Received = { type: string; seq: bigint | null; threadId: string | null; payload: RoutedEvent["payload"] };

class Probe {
  events: Received[] = [];
  controls: { type: string; id: bigint | null }[] = [];
  closed = false;
  stop: () => void = () => undefined;
  actor: Actor;
  constructor(actor: Actor, private readonly recheckWith: () => Promise<Actor | null> = async () => this.actor) {
    this.actor = actor;
  }
  get sub() {
    return {
      actor: this.actor,
      recheck: () => this.recheckWith(),
      send: (e: RoutedEvent) => {
        this.events.push({ type: e.type, seq: e.seq, threadId: e.threadId, payload: e.payload });
        return true;
      },
      control: (type: "ready" | "resync", id: bigint | null) => void this.controls.push({ type, id }),
      heartbeat: () => !this.closed,
      close: () => {
        this.closed = true;
      },
    };
  }
  about(threadId: string) {
    return this.events.filter((e) => e.threadId === threadId);
  }
  lastSeq(): bigint {
    return [...this.events].reverse().find((e) => e.seq !== null)?.seq ?? this.controls.at(-1)?.id ?? 0n;
  }
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const relayA = new RealtimeRelay();
const relayB = new RealtimeRelay();
let member: Actor, guide: Actor, guideB: Actor, guide2: Actor, doctor: Actor;
const created: string[] = [];

beforeAll(async () => {
  [member, guide, guideB, guide2, doctor] = await Promise.all([
    actorFor("member@demo.test"),
    actorFor("guide@demo.test"),
    actorFor("guide.b@demo.test"),
    actorFor("guide2@demo.test"),
    actorFor("doctor@demo.test"),
  ]);
  await Promise.all([relayA.start(), relayB.start()]);
});

afterAll(async () => {
  await Promise.all([relayA.stop(), relayB.stop()]);
  const db = await getDb();
  await db.threadCollaborator.updateMany({ where: { threadId: { in: created }, removedAt: null }, data: { removedAt: new Date() } });
});

async function newThread() {
  const { thread } = await createThread(member, { body: text("opening"), clientMessageId: key() });
  created.push(thread.id);
  return thread.id;
}

describe("stamping and fan-out across instances", () => {
  it("a member's message reaches the Sunrise guide on the other instance, never Harbor; the member gets no ticket events or notes", async () => {
    const g = new Probe(guide);
    const g2 = new Probe(guide2);
    const m = new Probe(member);
    g.stop = await relayB.subscribe(g.sub, null);
    g2.stop = await relayB.subscribe(g2.sub, null);
    m.stop = await relayA.subscribe(m.sub, null);
    expect(g.controls[0]?.type).toBe("ready");

    const threadId = await newThread();
    await until(() => g.about(threadId).some((e) => e.type === "ticket.created"), "ticket.created at the guide");
    await sendMessage(guide, threadId, { body: text("note"), clientMessageId: key(), visibility: "internal" });
    const reply = await sendMessage(guide, threadId, { body: text("reply"), clientMessageId: key(), visibility: "member" });
    await until(() => m.about(threadId).some((e) => e.payload.messageId === reply.message.id), "the reply at the member");
    await until(() => g.about(threadId).filter((e) => e.type === "message.created").length === 3, "three messages at the guide");

    // Stamped in order, each once.
    const seqs = g.events.map((e) => e.seq!);
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);

    expect(g2.events).toEqual([]);
    const memberTypes = new Set(m.about(threadId).map((e) => e.type));
    expect(memberTypes.has("ticket.created")).toBe(false);
    expect(memberTypes.has("ticket.updated")).toBe(false);
    expect(m.about(threadId).every((e) => e.type !== "message.created" || e.payload.visibility === "member")).toBe(true);
    // Payloads hold ids and status values only.
    expect(JSON.stringify(g.events.map((e) => e.payload))).not.toMatch(/Realtime test/);
    for (const p of [g, g2, m]) p.stop();
  });
});

describe("replay with Last-Event-ID", () => {
  it("a resumed stream receives every missed event once, in order, and then live ones", async () => {
    const first = new Probe(guide);
    first.stop = await relayA.subscribe(first.sub, null);
    const threadId = await newThread();
    await until(() => first.about(threadId).length >= 3, "the new thread's events");
    const resumeFrom = first.lastSeq();
    first.stop();

    const missed: string[] = [];
    for (let i = 0; i < 5; i++) missed.push((await sendMessage(member, threadId, { body: text(`missed ${i}`), clientMessageId: key() })).message.id);
    // Let the relay stamp them before the resume (they are then replayed, not live).
    const db = await getDb();
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.outboxEvent.count({ where: { threadId, deliverySeq: null } })).toBe(0);

    const resumed = new Probe(guide);
    resumed.stop = await relayB.subscribe(resumed.sub, resumeFrom);
    const live = (await sendMessage(member, threadId, { body: text("live"), clientMessageId: key() })).message.id;
    await until(() => resumed.about(threadId).some((e) => e.payload.messageId === live), "the live message after the replay");

    const messageIds = resumed.about(threadId).filter((e) => e.type === "message.created").map((e) => e.payload.messageId);
    expect(messageIds).toEqual([...missed, live]);
    const seqs = resumed.events.map((e) => e.seq!);
    expect(seqs.every((s) => s > resumeFrom)).toBe(true);
    expect(new Set(seqs).size).toBe(seqs.length);
    resumed.stop();
  });

  it("refuses to replay an impossible position: resync", async () => {
    const p = new Probe(guide);
    p.stop = await relayA.subscribe(p.sub, 10n ** 15n);
    expect(p.controls[0]?.type).toBe("resync");
    p.stop();
  });
});

describe("permissions evaluated at delivery time", () => {
  it("a removed collaborator stops receiving live events and gets none of the thread's events on replay", async () => {
    const threadId = await newThread();
    const d = new Probe(doctor);
    d.stop = await relayA.subscribe(d.sub, null);
    await sendMessage(guide, threadId, { body: text("mention"), clientMessageId: key(), visibility: "internal", mentions: [doctor.userId] });
    await until(() => d.about(threadId).some((e) => e.type === "mention.created"), "the mention at the doctor");
    const before = d.lastSeq();

    await removeCollaborator(guide, threadId, doctor.userId);
    const after = (await sendMessage(member, threadId, { body: text("after removal"), clientMessageId: key() })).message.id;
    // guide sees it (so it was fanned out) …
    const g = new Probe(guide);
    g.stop = await relayA.subscribe(g.sub, before);
    await until(() => g.about(threadId).some((e) => e.payload.messageId === after), "the message at the guide");
    await new Promise((r) => setTimeout(r, 300));
    // … the doctor does not, live …
    expect(d.about(threadId).some((e) => e.payload.messageId === after)).toBe(false);
    expect(d.about(threadId).some((e) => e.type === "collaborator.removed")).toBe(false);
    // … nor on replay from before the removal: even the events from while they collaborated
    // are withheld now that they can no longer open the thread.
    const replay = new Probe(doctor);
    replay.stop = await relayB.subscribe(replay.sub, before - 5n);
    await new Promise((r) => setTimeout(r, 200));
    expect(replay.about(threadId)).toEqual([]);
    for (const p of [d, g, replay]) p.stop();
  });

  it("an expired emergency access yields nothing on replay", async () => {
    const db = await getDb();
    const threadId = await newThread();
    const grant = await db.emergencyAccess.create({
      data: { userId: guide2.userId, threadId, reason: "Realtime test: member called the Harbor line", expiresAt: new Date(Date.now() + 60_000) },
      select: { id: true },
    });
    const g2 = new Probe(guide2);
    g2.stop = await relayA.subscribe(g2.sub, null);
    const during = (await sendMessage(member, threadId, { body: text("during"), clientMessageId: key() })).message.id;
    await until(() => g2.about(threadId).some((e) => e.payload.messageId === during), "the message under emergency access");
    g2.stop();

    await db.emergencyAccess.update({ where: { id: grant.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const replay = new Probe(guide2);
    replay.stop = await relayB.subscribe(replay.sub, 0n);
    await new Promise((r) => setTimeout(r, 200));
    expect(replay.about(threadId)).toEqual([]);
    replay.stop();
  });

  it("a deactivated receiver's stream is closed at the next check", async () => {
    let active = true;
    const p = new Probe(guideB, async () => (active ? guideB : null));
    p.stop = await relayA.subscribe(p.sub, null);
    active = false;
    // A mention of them forces a scope reload (the same path as the timer).
    const threadId = await newThread();
    await sendMessage(guide, threadId, { body: text("mention b"), clientMessageId: key(), visibility: "internal", mentions: [guideB.userId] });
    await until(() => p.closed, "the stream to close");
    expect(p.events.some((e) => e.type === "mention.created")).toBe(false);
  });
});

describe("typing and Seen", () => {
  it("typing reaches the member and other staff, not the typist nor another team; members cannot announce", async () => {
    const threadId = await newThread();
    const [m, g, gb, g2] = [new Probe(member), new Probe(guide), new Probe(guideB), new Probe(guide2)];
    for (const p of [m, g, gb, g2]) p.stop = await relayB.subscribe(p.sub, null);
    await relayA.publishEphemeral(await announceTyping(guide, threadId, { visibility: "member" }));
    await until(() => m.about(threadId).some((e) => e.type === "typing") && gb.about(threadId).some((e) => e.type === "typing"), "typing at member and colleague");
    await new Promise((r) => setTimeout(r, 150));
    expect(g.about(threadId).some((e) => e.type === "typing")).toBe(false);
    expect(g2.events).toEqual([]);
    expect(m.about(threadId).find((e) => e.type === "typing")?.seq).toBeNull();
    await expect(announceTyping(member, threadId, { visibility: "member" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(announceTyping(guide2, threadId, { visibility: "member" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const p of [m, g, gb, g2]) p.stop();
  });

  it("staff opening the thread sends `read` to the member only, and Seen follows", async () => {
    const threadId = await newThread();
    const m = new Probe(member);
    const g = new Probe(guideB);
    m.stop = await relayA.subscribe(m.sub, null);
    g.stop = await relayA.subscribe(g.sub, null);
    expect((await getThreadSeen(member, threadId)).seenAt).toBeNull();
    await listMessages(guide, threadId);
    await until(() => m.about(threadId).some((e) => e.type === "read"), "read at the member");
    const seen = await getThreadSeen(member, threadId);
    expect(seen.seenAt).not.toBeNull();
    expect(m.about(threadId).find((e) => e.type === "read")?.payload.readAt).toBe(seen.seenAt);
    expect(g.about(threadId).some((e) => e.type === "read")).toBe(false);
    // Reading again without anything new moves nothing: no second event.
    await listMessages(guide, threadId);
    await new Promise((r) => setTimeout(r, 300));
    expect(m.about(threadId).filter((e) => e.type === "read")).toHaveLength(1);
    // The member's own reading is no receipt.
    await listMessages(member, threadId);
    await expect(getThreadSeen(guide2, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    m.stop();
    g.stop();
  });
});
