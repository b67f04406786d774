/**
 * Views in live events (docs/realtime.md, "Views in events"): each event carries what its
 * receiver's audience may see of the changed row, read once per event batch and instance —
 * never per stream — and chosen per receiver after the permission check at delivery.
 * Two relays in one process stand for two app instances, on real PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../test/actors";
import type { Actor } from "../access/actor";
import { getDb } from "../db/client";
import { sendMessage } from "../domain/messages/send-message";
import { createThread } from "../domain/threads/create-thread";
import { removeCollaborator } from "../domain/collaborators/remove-collaborator";
import { eventViewReads } from "../domain/realtime/unsafe-load-event-views";
import { RealtimeRelay } from "./relay";
import type { RoutedEvent } from "./routing";
import { eventData } from "./sse";
import type { LiveAudience } from "./event-views";

const key = () => `ev-${randomUUID()}`;
const text = (label: string) => `View test ${label} ${randomUUID()}`;

/** Records what the SSE stream would write: the type and the data exactly as serialized. */
class Probe {
  frames: { type: string; data: Record<string, unknown> }[] = [];
  stop: () => void = () => undefined;
  constructor(readonly actor: Actor) {}
  get sub() {
    return {
      actor: this.actor,
      recheck: async () => this.actor,
      send: (e: RoutedEvent, audience: LiveAudience | null) => {
        this.frames.push({ type: e.type, data: JSON.parse(JSON.stringify(eventData(e, audience))) as Record<string, unknown> });
        return true;
      },
      control: () => undefined,
      heartbeat: () => true,
      close: () => undefined,
    };
  }
  messageEvent(messageId: string) {
    return this.frames.find((f) => f.type === "message.created" && f.data.messageId === messageId);
  }
  get raw() {
    return JSON.stringify(this.frames);
  }
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const relayA = new RealtimeRelay({ maxStreamsPerUser: 100 });
const relayB = new RealtimeRelay({ maxStreamsPerUser: 100 });
let member: Actor, guide: Actor, guideB: Actor, guide2: Actor, doctor: Actor;

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
});

async function newThread(): Promise<string> {
  const { thread } = await createThread(member, { body: text("opening"), clientMessageId: key() });
  return thread.id;
}

describe("views per audience", () => {
  it("staff of the thread's team get the message and the queue row; the member gets her message; another team gets nothing", async () => {
    const g = new Probe(guide);
    const g2 = new Probe(guide2);
    const m = new Probe(member);
    g.stop = await relayA.subscribe(g.sub, null);
    g2.stop = await relayB.subscribe(g2.sub, null);
    m.stop = await relayB.subscribe(m.sub, null);
    const threadId = await newThread();
    const body = text("member asks");
    const sent = await sendMessage(member, threadId, { body, clientMessageId: key() });

    await until(() => !!g.messageEvent(sent.message.id) && !!m.messageEvent(sent.message.id), "the message at the guide and the member");
    const atGuide = g.messageEvent(sent.message.id)!.data.view as { message: { body: string; visibility: string }; ticket: { id: string; threadId: string; status: string; member: { id: string }; subject: string | null; preview?: string } };
    expect(atGuide.message.body).toBe(body);
    expect(atGuide.ticket.threadId).toBe(threadId);
    expect(atGuide.ticket.member.id).toBe(member.userId);
    expect(atGuide.ticket.preview).toBe(body);
    const atMember = m.messageEvent(sent.message.id)!.data.view as Record<string, unknown>;
    expect(atMember).toEqual({ message: expect.objectContaining({ id: sent.message.id, body, visibility: "member" }) });
    // ⚠ Never a ticket field to a member, never anything to Harbor.
    expect(m.raw).not.toMatch(/"ticket"\s*:\s*\{/);
    expect(g2.raw).not.toContain(threadId);
    for (const p of [g, g2, m]) p.stop();
  });

  it("an internal note reaches staff who may read the thread with its text, and never the member's stream in any form", async () => {
    const g = new Probe(guide);
    const gb = new Probe(guideB);
    const m = new Probe(member);
    g.stop = await relayA.subscribe(g.sub, null);
    gb.stop = await relayB.subscribe(gb.sub, null);
    m.stop = await relayA.subscribe(m.sub, null);
    const threadId = await newThread();
    const noteBody = text("internal note");
    const note = await sendMessage(guide, threadId, { body: noteBody, clientMessageId: key(), visibility: "internal" });
    const reply = await sendMessage(guide, threadId, { body: text("reply"), clientMessageId: key(), visibility: "member" });

    await until(() => !!m.messageEvent(reply.message.id) && !!gb.messageEvent(note.message.id), "the reply at the member, the note at the colleague");
    expect((gb.messageEvent(note.message.id)!.data.view as { message: { body: string; visibility: string } }).message).toMatchObject({ body: noteBody, visibility: "internal" });
    expect(m.messageEvent(note.message.id)).toBeUndefined();
    expect(m.raw).not.toContain(noteBody);
    expect(m.raw).not.toContain(note.message.id);
    for (const p of [g, gb, m]) p.stop();
  });
});

describe("views follow the receiver's current scope", () => {
  it("a collaborator gets the staff view (notes included) while collaborating, and no view of anything after the removal", async () => {
    const threadId = await newThread();
    const d = new Probe(doctor);
    d.stop = await relayB.subscribe(d.sub, null);
    const noteBody = text("note with mention");
    const note = await sendMessage(guide, threadId, { body: noteBody, clientMessageId: key(), visibility: "internal", mentions: [doctor.userId] });
    await until(() => !!d.messageEvent(note.message.id), "the note at the collaborator");
    expect((d.messageEvent(note.message.id)!.data.view as { message: { body: string } }).message.body).toBe(noteBody);

    await removeCollaborator(guide, threadId, doctor.userId);
    const afterBody = text("after removal");
    const after = await sendMessage(member, threadId, { body: afterBody, clientMessageId: key() });
    const g = new Probe(guide);
    g.stop = await relayB.subscribe(g.sub, null);
    const control = await sendMessage(member, threadId, { body: text("control"), clientMessageId: key() });
    await until(() => !!g.messageEvent(control.message.id), "a later message at the guide");
    await new Promise((r) => setTimeout(r, 200));
    expect(d.messageEvent(after.message.id)).toBeUndefined();
    expect(d.raw).not.toContain(afterBody);
    for (const p of [d, g]) p.stop();
  });
});

describe("reads per event are per audience, not per stream", () => {
  async function readsForOneMessage(streams: number): Promise<{ queries: number; batches: number }> {
    const probes = Array.from({ length: streams }, (_, i) => new Probe(i % 2 ? guide : guideB));
    for (const [i, p] of probes.entries()) p.stop = await (i % 2 ? relayA : relayB).subscribe(p.sub, null);
    const threadId = await newThread();
    await until(() => probes.every((p) => p.frames.some((f) => f.type === "ticket.created" && f.data.threadId === threadId)), "the new ticket everywhere");
    await new Promise((r) => setTimeout(r, 200));
    const before = { ...eventViewReads };
    const sent = await sendMessage(member, threadId, { body: text("count"), clientMessageId: key() });
    await until(() => probes.every((p) => !!p.messageEvent(sent.message.id)), "the message on every stream");
    await new Promise((r) => setTimeout(r, 200));
    for (const p of probes) p.stop();
    return { queries: eventViewReads.queries - before.queries, batches: eventViewReads.batches - before.batches };
  }

  it("2 streams and 40 streams cost the same reads: one statement per batch per instance", async () => {
    const few = await readsForOneMessage(2);
    const many = await readsForOneMessage(40);
    // Each instance reads each batch once (two instances; an event and its ticket change may
    // be stamped in one round or two).
    expect(few.batches).toBeGreaterThanOrEqual(2);
    expect(many.batches).toBeLessThanOrEqual(4);
    expect(many.queries).toBeLessThanOrEqual(many.batches);
    expect(many.queries).toBeLessThan(40);
    expect(few.queries).toBeLessThanOrEqual(few.batches);
  });
});

describe("an instance with no streams", () => {
  it("builds no views for a batch nobody receives, and a stream that connects afterwards still replays it", async () => {
    // Every stream of the tests above has been stopped: no relay in this process has one.
    const threadId = await newThread();
    await new Promise((r) => setTimeout(r, 300));
    const before = { ...eventViewReads };
    const first = await sendMessage(member, threadId, { body: text("unheard"), clientMessageId: key() });
    const db = await getDb();
    const seqOf = async (messageId: string) =>
      (await db.outboxEvent.findFirst({ where: { type: "message.created", payload: { path: ["messageId"], equals: messageId } }, select: { deliverySeq: true } }))?.deliverySeq ?? null;
    let seq: bigint | null = null;
    for (let i = 0; i < 100 && seq === null; i++) {
      seq = await seqOf(first.message.id);
      if (seq === null) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seq).not.toBeNull();
    // Both relays have pumped the stamped batch by now (NOTIFY, or the 1 s safety poll).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(eventViewReads.batches).toBe(before.batches);

    // A stream that asks for what came after an earlier event gets it from the outbox…
    const probe = new Probe(guide);
    probe.stop = await relayA.subscribe(probe.sub, seq! - 1n);
    await until(() => !!probe.messageEvent(first.message.id), "the replayed message");
    // …and what follows live, with a view built for it.
    const second = await sendMessage(member, threadId, { body: text("heard"), clientMessageId: key() });
    await until(() => !!probe.messageEvent(second.message.id), "the live message");
    expect(eventViewReads.batches).toBeGreaterThan(before.batches);
    expect(probe.messageEvent(second.message.id)!.data).toHaveProperty("view");
    probe.stop();
  });
});

describe("audit of live views", () => {
  it("one live.deliver row per event, audience and instance, naming the receivers — not one per stream", async () => {
    const probes = [new Probe(guide), new Probe(guide), new Probe(guide), new Probe(guideB), new Probe(member)];
    for (const p of probes) p.stop = await relayA.subscribe(p.sub, null);
    const threadId = await newThread();
    const sent = await sendMessage(member, threadId, { body: text("audited"), clientMessageId: key() });
    await until(() => probes.every((p) => !!p.messageEvent(sent.message.id)), "the message everywhere");
    for (const p of probes) p.stop();
    const db = await getDb();
    let rows: { details: unknown; memberId: string | null; actorId: string | null }[] = [];
    for (let i = 0; i < 40 && rows.length < 2; i++) {
      rows = await db.auditLog.findMany({ where: { action: "live.deliver", recordId: sent.message.id }, select: { details: true, memberId: true, actorId: true } });
      await new Promise((r) => setTimeout(r, 100));
    }
    const byAudience = new Map(rows.map((r) => [(r.details as { audience: string }).audience, r]));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.memberId === member.userId && r.actorId === null)).toBe(true);
    expect(new Set((byAudience.get("staff")!.details as { recipientIds: string[] }).recipientIds)).toEqual(new Set([guide.userId, guideB.userId]));
    expect((byAudience.get("member")!.details as { recipientIds: string[] }).recipientIds).toEqual([member.userId]);
    // Contents never go into the audit.
    expect(JSON.stringify(rows)).not.toMatch(/View test/);
  });
});
