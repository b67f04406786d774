/**
 * ⚠ SECURITY: revocation reaches open event streams at once, on every instance.
 *
 * Two relays in one process stand for two app instances on one PostgreSQL. Each stream is
 * opened on instance B exactly as GET /api/v1/events opens it — openEventStream with the
 * real re-check built from a real session cookie (or bearer key) — and the change is made
 * through the domain layer ("instance A"). The stream must re-check its receiver before it
 * delivers anything written after the change, so the next event the person would have seen
 * never reaches them, and a stream whose receiver is gone closes within well under a second
 * (asserted with a bound generous enough for a loaded 2-core machine) — not at the 20 s
 * periodic re-check.
 */
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../test/actors";
import type { Actor, RequestOrigin } from "../access/actor";
import { getAuthSecret } from "../auth/secret";
import { sessionCookieName } from "../auth/session-cookie";
import { changeUserRole } from "../domain/admin/change-user-role";
import { createApiClient } from "../domain/admin/create-api-client";
import { deactivateUser } from "../domain/admin/deactivate-user";
import { removeTeamMembership } from "../domain/admin/remove-team-membership";
import { revokeApiClient } from "../domain/admin/revoke-api-client";
import { unsafeEndSessions } from "../domain/auth/unsafe-end-sessions";
import { unsafeLoadActor } from "../domain/auth/unsafe-load-actor";
import { unsafeLoadApiClientActor } from "../domain/auth/unsafe-load-api-client-actor";
import { sendMessage } from "../domain/messages/send-message";
import { createMember, createStaff, createTeam, createTicket, type TeamFixture } from "../domain/tickets/test-fixtures";
import { getDb } from "../db/client";
import { outboxEventData } from "../domain/outbox/outbox-event";
import { scopeChangedEvents } from "../domain/realtime/scope-changed-event";
import { uuid7 } from "../domain/shared/uuid7";
import { RealtimeRelay } from "./relay";
import { openEventStream } from "./sse";
import { streamRecheck } from "./stream-recheck";

const origin: RequestOrigin = { ip: "127.0.0.1", userAgent: "vitest" };
/** Generous for a loaded 2-core machine; the periodic re-check would take 20 s. */
const closeWithinMs = 2_000;

const relayA = new RealtimeRelay();
const relayB = new RealtimeRelay();
let admin: Actor;

beforeAll(async () => {
  admin = await actorFor("admin@demo.test");
  await Promise.all([relayA.start(), relayB.start()]);
});

afterAll(async () => {
  await Promise.all([relayA.stop(), relayB.stop()]);
});

type Frame = { type: string; id: string | null; data: Record<string, unknown> };

/** A client of one event stream: reads and parses frames until the server closes it. */
class StreamClient {
  frames: Frame[] = [];
  closedAt: number | null = null;
  private readonly abort = new AbortController();

  static async open(actor: Actor, headers: Headers, relay: RealtimeRelay): Promise<StreamClient> {
    const client = new StreamClient();
    const recheck = await streamRecheck(headers, actor, origin);
    const body = await openEventStream({ actor, recheck, lastEventId: null, signal: client.abort.signal, relay });
    void client.read(body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf("\n\n")) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const field = (name: string) => block.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
        const type = field("event");
        if (type) this.frames.push({ type, id: field("id"), data: JSON.parse(field("data") ?? "{}") as Record<string, unknown> });
      }
    }
    this.closedAt = Date.now();
  }

  has(messageId: string): boolean {
    return this.frames.some((f) => f.type === "message.created" && f.data.messageId === messageId);
  }

  stop() {
    this.abort.abort();
  }
}

async function sessionHeaders(user: { id: string; role: string }): Promise<Headers> {
  const now = Date.now() - 1_000;
  const token = await encode({ token: { sub: user.id, role: user.role, signedInAt: now, lastActiveAt: now } as never, secret: getAuthSecret() });
  return new Headers({ cookie: `${sessionCookieName()}=${token}` });
}

async function loadActor(userId: string): Promise<Actor> {
  const actor = await unsafeLoadActor(userId, origin);
  if (!actor) throw new Error("no actor");
  return actor;
}

async function until(check: () => boolean, what: string, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A team with a member, a thread of hers, and a care guide whose stream is open on instance B. */
async function staffWithOpenStream(teams: TeamFixture[] = []) {
  const team = await createTeam();
  const member = await loadActor((await createMember(team.teamId)).id);
  const { threadId } = await createTicket({ ...team, memberId: member.userId });
  const guideRow = await createStaff("CARE_GUIDE", [team.teamId, ...teams.map((t) => t.teamId)]);
  const guide = await loadActor(guideRow.id);
  const stream = await StreamClient.open(guide, await sessionHeaders({ id: guide.userId, role: guide.role }), relayB);
  await until(() => stream.frames.some((f) => f.type === "ready"), "the stream to be ready");
  // Proves the stream receives this thread's events before the change.
  const before = await sendMessage(member, threadId, { body: `Scope test before ${randomUUID()}`, clientMessageId: randomUUID() });
  await until(() => stream.has(before.message.id), "the message before the change");
  return { team, member, threadId, guide, stream };
}

/** Asserts the stream closed within the bound after `changedAt`, and returns how long it took. */
async function expectClosedSoon(stream: StreamClient, changedAt: number): Promise<number> {
  await until(() => stream.closedAt !== null, "the stream to close", 10_000);
  const took = stream.closedAt! - changedAt;
  expect(took).toBeLessThan(closeWithinMs);
  return took;
}

describe("revocation reaches open streams on every instance at once", () => {
  it("a deactivated care guide gets not one more message, and their stream closes within well under the 20 s re-check", async () => {
    const { member, threadId, guide, stream } = await staffWithOpenStream();
    await deactivateUser(admin, guide.userId);
    const changedAt = Date.now();
    // The next message the guide would have seen.
    const after = await sendMessage(member, threadId, { body: `Scope test after ${randomUUID()}`, clientMessageId: randomUUID() });
    await expectClosedSoon(stream, changedAt);
    expect(stream.has(after.message.id)).toBe(false);
  });

  it("a deactivated member does not receive the staff reply sent after it, and her stream closes", async () => {
    const team = await createTeam();
    const memberRow = await createMember(team.teamId);
    const member = await loadActor(memberRow.id);
    const { threadId } = await createTicket({ ...team, memberId: member.userId });
    const guide = await loadActor((await createStaff("CARE_GUIDE", [team.teamId])).id);
    const stream = await StreamClient.open(member, await sessionHeaders({ id: member.userId, role: "MEMBER" }), relayB);
    const first = await sendMessage(guide, threadId, { body: `Scope test reply ${randomUUID()}`, clientMessageId: randomUUID(), visibility: "member" });
    await until(() => stream.has(first.message.id), "the first staff reply at the member");

    await deactivateUser(admin, member.userId);
    const changedAt = Date.now();
    const reply = await sendMessage(guide, threadId, { body: `Scope test reply ${randomUUID()}`, clientMessageId: randomUUID(), visibility: "member" });
    await expectClosedSoon(stream, changedAt);
    expect(stream.has(reply.message.id)).toBe(false);
  });

  it("signing out everywhere closes the person's streams", async () => {
    const { guide, stream } = await staffWithOpenStream();
    await unsafeEndSessions(guide.userId, origin, "sign_out");
    await expectClosedSoon(stream, Date.now());
  });

  it("a role change closes the stream (the next connection carries the new role)", async () => {
    const { guide, stream } = await staffWithOpenStream();
    await changeUserRole(admin, guide.userId, { role: "NURSE" });
    await expectClosedSoon(stream, Date.now());
  });

  it("removed from one team, the stream stays open but carries nothing more of that team", async () => {
    const other = await createTeam();
    const otherMember = await loadActor((await createMember(other.teamId)).id);
    const { threadId: otherThread } = await createTicket({ ...other, memberId: otherMember.userId });
    const { team, member, threadId, guide, stream } = await staffWithOpenStream([other]);

    await removeTeamMembership(admin, guide.userId, team.teamId);
    const hidden = await sendMessage(member, threadId, { body: `Scope test hidden ${randomUUID()}`, clientMessageId: randomUUID() });
    // Written after the hidden one, so delivered after it: once it is here, the hidden one had its chance.
    const still = await sendMessage(otherMember, otherThread, { body: `Scope test still ${randomUUID()}`, clientMessageId: randomUUID() });
    await until(() => stream.has(still.message.id), "the other team's message");
    expect(stream.has(hidden.message.id)).toBe(false);
    expect(stream.closedAt).toBeNull();
    stream.stop();
  });

  it("a message committed with (or just after) a team removal, numbered ahead of it in one stamping round, is withheld", async () => {
    // Outbox ids are taken inside the writing transaction, so a send that began before a
    // removal but committed after it can be numbered AHEAD of the removal's scope.changed
    // row when both become visible in the same stamping round. One transaction holding both
    // writes, message first, reproduces that order deterministically.
    const other = await createTeam();
    const otherMember = await loadActor((await createMember(other.teamId)).id);
    const { threadId: otherThread } = await createTicket({ ...other, memberId: otherMember.userId });
    const { team, member, threadId, guide, stream } = await staffWithOpenStream([other]);

    const db = await getDb();
    const messageId = uuid7();
    await db.$transaction([
      db.message.create({ data: { id: messageId, threadId, authorId: member.userId, visibility: "MEMBER", body: `Scope test raced ${randomUUID()}`, clientMessageId: randomUUID() } }),
      db.outboxEvent.create({
        data: outboxEventData({
          type: "message.created",
          teamId: team.teamId,
          threadId,
          memberId: member.userId,
          payload: { messageId, threadId, authorId: member.userId, authorRole: "MEMBER", visibility: "member", ticketId: null },
        }),
      }),
      db.teamMembership.deleteMany({ where: { userId: guide.userId, teamId: team.teamId } }),
      db.outboxEvent.createMany({ data: scopeChangedEvents([guide.userId]) }),
    ]);
    const still = await sendMessage(otherMember, otherThread, { body: `Scope test still ${randomUUID()}`, clientMessageId: randomUUID() });
    await until(() => stream.has(still.message.id), "the other team's message");
    expect(stream.has(messageId)).toBe(false);
    stream.stop();
  });

  it("a revoked API key's stream closes at once", async () => {
    const team = await createTeam();
    const member = await loadActor((await createMember(team.teamId)).id);
    const { threadId } = await createTicket({ ...team, memberId: member.userId });
    const { client, key } = await createApiClient(admin, { name: "Scope test app", role: "NURSE", teamIds: [team.teamId] });
    const actor = await unsafeLoadApiClientActor(key, origin);
    if (!actor) throw new Error("no API client actor");
    const stream = await StreamClient.open(actor, new Headers({ authorization: `Bearer ${key}` }), relayB);
    await until(() => stream.frames.some((f) => f.type === "ready"), "the stream to be ready");

    await revokeApiClient(admin, client.id);
    const changedAt = Date.now();
    const after = await sendMessage(member, threadId, { body: `Scope test key ${randomUUID()}`, clientMessageId: randomUUID() });
    await expectClosedSoon(stream, changedAt);
    expect(stream.has(after.message.id)).toBe(false);
  });

  it("other people's streams are untouched", async () => {
    const { member, threadId, stream } = await staffWithOpenStream();
    const bystander = await staffWithOpenStream();
    await deactivateUser(admin, bystander.guide.userId);
    await expectClosedSoon(bystander.stream, Date.now());
    const later = await sendMessage(member, threadId, { body: `Scope test bystander ${randomUUID()}`, clientMessageId: randomUUID() });
    await until(() => stream.has(later.message.id), "the message at the unaffected guide");
    expect(stream.closedAt).toBeNull();
    stream.stop();
  });
});
