// The send's raw statements on the embedded default (PGlite, as `npm run demo` runs): the
// ticket cycle with a follow-up, an internal note, a replay, a mention and a file (the
// interactive-transaction path), and the lost-race and duplicate recognition there.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { leaveEmbedded, switchToEmbedded, type EmbeddedDatabase } from "../../../test/embedded-database";

let database: EmbeddedDatabase | undefined;

async function embedded() {
  database = await switchToEmbedded("send");
  return {
    client: database.client,
    actorFor: (await import("../../../test/actors")).actorFor,
    createThread: (await import("../threads/create-thread")).createThread,
    sendMessage: (await import("./send-message")).sendMessage,
    uuid7: (await import("../shared/uuid7")).uuid7,
  };
}

let m: Awaited<ReturnType<typeof embedded>>;
beforeAll(async () => {
  m = await embedded();
  expect(m.client.databaseKind()).toBe("pglite");
}, 120_000);

afterAll(() => leaveEmbedded(database));

const key = () => randomUUID();

it("runs the ticket cycle, a note, a replay, a follow-up, a mention and a file", async () => {
  const db = await m.client.getDb();
  const [member, guide, nurse] = await Promise.all([m.actorFor("member@demo.test"), m.actorFor("guide@demo.test"), m.actorFor("nurse@demo.test")]);
  const { thread } = await m.createThread(member, { body: "Embedded opening", clientMessageId: key() });
  const threadId = thread.id;
  const status = async () => (await db.ticket.findFirstOrThrow({ where: { threadId }, orderBy: { createdAt: "desc" } })).status;

  await m.sendMessage(guide, threadId, { body: "Reply", clientMessageId: key() });
  expect(await status()).toBe("PENDING");
  const clientMessageId = key();
  const sent = await m.sendMessage(member, threadId, { body: "Thanks", clientMessageId });
  expect(await status()).toBe("OPEN");
  expect(await m.sendMessage(member, threadId, { body: "Thanks again", clientMessageId })).toEqual({ message: sent.message, created: false });

  // A note with a mention and a file: the interactive-transaction path.
  const attachment = await db.attachment.create({ data: { id: m.uuid7(), uploaderId: guide.userId, displayName: "note.pdf", sizeBytes: 10, status: "CLEAN" }, select: { id: true } });
  const note = await m.sendMessage(guide, threadId, { body: "Note", clientMessageId: key(), visibility: "internal", mentions: [nurse.userId], attachmentIds: [attachment.id] });
  expect(note.message.attachments.map((a) => a.id)).toEqual([attachment.id]);
  expect(await db.notification.count({ where: { threadId, userId: nurse.userId, type: "MENTION" } })).toBe(1);
  expect(await status()).toBe("OPEN");

  await m.sendMessage(guide, threadId, { body: "Closing", clientMessageId: key(), ticketStatus: "CLOSED" });
  // Member and staff at once on the closed ticket: exactly one follow-up.
  const results = await Promise.all([
    m.sendMessage(member, threadId, { body: "One more thing", clientMessageId: key() }),
    m.sendMessage(guide, threadId, { body: "Checking in", clientMessageId: key() }),
  ]);
  expect(results.every((r) => r.created)).toBe(true);
  expect(await db.ticket.count({ where: { threadId } })).toBe(2);
  expect(await db.ticket.count({ where: { threadId, status: { not: "CLOSED" } } })).toBe(1);

  // Parallel retries of one note with a mention: one message (the duplicate recognised
  // through Prisma's wrapping of PGlite's error).
  const again = key();
  const notes = await Promise.all(
    Array.from({ length: 3 }, () => m.sendMessage(guide, threadId, { body: "Same note", clientMessageId: again, visibility: "internal", mentions: [nurse.userId] })),
  );
  expect(notes.filter((r) => r.created)).toHaveLength(1);
  expect(await db.message.count({ where: { authorId: guide.userId, clientMessageId: again } })).toBe(1);
  expect(await db.auditLog.count({ where: { action: "message.send", recordId: notes[0]!.message.id } })).toBeGreaterThanOrEqual(1);
}, 60_000);
