/**
 * ⚠ SECURITY: what one user or one slow client can hold on an instance (docs/realtime.md,
 * "Limits"): at most EVENT_STREAMS_PER_USER open streams per user (the oldest is closed when
 * one more opens), and at most EVENT_STREAM_BUFFER_BYTES queued for a client that does not
 * read (the stream is dropped; the client resumes with Last-Event-ID). Real relays on
 * PostgreSQL, real streams (lib/realtime/sse.ts).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../access/actor";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { unsafeLoadActor } from "../domain/auth/unsafe-load-actor";
import { createMember, createStaff, createTeam, createTicket } from "../domain/tickets/test-fixtures";
import { RealtimeRelay } from "./relay";
import { openEventStream } from "./sse";

const relay = new RealtimeRelay();
const cappedRelay = new RealtimeRelay({ maxStreamsPerUser: 3 });

beforeAll(async () => {
  await Promise.all([relay.start(), cappedRelay.start()]);
});
afterAll(async () => {
  await Promise.all([relay.stop(), cappedRelay.stop()]);
});

async function guideOfNewTeam() {
  const team = await createTeam();
  const member = await createMember(team.teamId);
  const { threadId } = await createTicket({ ...team, memberId: member.id });
  const guide = (await unsafeLoadActor((await createStaff("CARE_GUIDE", [team.teamId])).id, { ip: null, userAgent: null }))!;
  return { team, member, threadId, guide };
}

/** A subscriber that records whether, and in which order, it was closed. */
function probe(actor: Actor, closed: string[], name: string) {
  return {
    actor,
    recheck: async () => actor,
    send: () => true,
    control: () => undefined,
    heartbeat: () => true,
    close: () => void closed.push(name),
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("streams per user", () => {
  it("the oldest stream is closed when one more than the cap opens; other users are untouched", async () => {
    const { guide } = await guideOfNewTeam();
    const { guide: other } = await guideOfNewTeam();
    const closed: string[] = [];
    const stops: (() => void)[] = [];
    stops.push(await cappedRelay.subscribe(probe(other, closed, "other"), null));
    for (const name of ["first", "second", "third"]) stops.push(await cappedRelay.subscribe(probe(guide, closed, name), null));
    expect(closed).toEqual([]);
    expect(cappedRelay.connectionCount).toBe(4);

    stops.push(await cappedRelay.subscribe(probe(guide, closed, "fourth"), null));
    expect(closed).toEqual(["first"]);
    stops.push(await cappedRelay.subscribe(probe(guide, closed, "fifth"), null));
    expect(closed).toEqual(["first", "second"]);
    expect(cappedRelay.connectionCount).toBe(4);
    for (const stop of stops) stop();
    expect(cappedRelay.connectionCount).toBe(0);
  });

  it(`defaults to EVENT_STREAMS_PER_USER (${getEnv().EVENT_STREAMS_PER_USER})`, async () => {
    const { guide } = await guideOfNewTeam();
    const cap = getEnv().EVENT_STREAMS_PER_USER;
    expect(cap).toBe(10);
    const closed: string[] = [];
    const stops: (() => void)[] = [];
    for (let i = 0; i < cap + 1; i++) stops.push(await relay.subscribe(probe(guide, closed, `s${i}`), null));
    expect(closed).toEqual(["s0"]);
    for (const stop of stops) stop();
  });
});

describe("a client that does not read", () => {
  it("is dropped once EVENT_STREAM_BUFFER_BYTES are queued for it, while a reading client gets everything", async () => {
    const { team, member, threadId, guide } = await guideOfNewTeam();
    const stuck = new AbortController();
    const reading = new AbortController();
    const stuckBody = await openEventStream({ actor: guide, recheck: async () => guide, lastEventId: null, signal: stuck.signal, relay });
    const readingBody = await openEventStream({ actor: guide, recheck: async () => guide, lastEventId: null, signal: reading.signal, relay });
    let received = 0;
    let readingDone = false;
    void (async () => {
      const reader = readingBody.getReader();
      const decoder = new TextDecoder();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        const frames = text.split("\n\n");
        text = frames.pop()!;
        received += frames.filter((f) => f.includes("event: message.created")).length;
      }
      readingDone = true;
    })();
    const before = relay.connectionCount;

    // Events the guide may receive (their team's thread), well past the 1 MiB default but
    // far below the 8 MB that used to be allowed: about 2.5 MB of frames.
    const db = await getDb();
    const count = 10_000;
    const payload = () => ({ messageId: randomUUID(), authorId: member.id, authorRole: "MEMBER", visibility: "member", ticketId: randomUUID() });
    for (let i = 0; i < count; i += 2_000) {
      await db.outboxEvent.createMany({
        data: Array.from({ length: 2_000 }, () => ({ type: "message.created", teamId: team.teamId, threadId, memberId: null, payload: payload() })),
      });
    }
    await until(() => relay.connectionCount === before - 1, "the stuck stream to be dropped");

    // What the stuck client can still read is bounded by the cap (plus the frame that crossed it).
    const reader = stuckBody.getReader();
    let queued = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      queued += value.byteLength;
    }
    expect(queued).toBeGreaterThanOrEqual(getEnv().EVENT_STREAM_BUFFER_BYTES);
    expect(queued).toBeLessThan(getEnv().EVENT_STREAM_BUFFER_BYTES + 1_000);

    // The reader kept up and is still connected, with every event.
    await until(() => received === count, "the reading client to receive every event");
    expect(readingDone).toBe(false);
    reading.abort();
    stuck.abort();
  });
});
