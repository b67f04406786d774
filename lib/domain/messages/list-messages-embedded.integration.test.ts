// listMessages on the embedded default (PGlite, as `npm run demo` runs): its raw statements
// (message-rows-sql.ts, read-mark-sql.ts) must work there too — no named statements, the
// parameters typed by PGlite, json and dates parsed by it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { leaveEmbedded, switchToEmbedded, type EmbeddedDatabase } from "../../../test/embedded-database";

let database: EmbeddedDatabase | undefined;

async function embedded() {
  database = await switchToEmbedded("list-messages");
  return {
    client: database.client,
    actorFor: (await import("../../../test/actors")).actorFor,
    createThread: (await import("../threads/create-thread")).createThread,
    listMessages: (await import("./list-messages")).listMessages,
    messageView: await import("./message-view"),
  };
}

let m: Awaited<ReturnType<typeof embedded>>;
beforeAll(async () => {
  m = await embedded();
  expect(m.client.databaseKind()).toBe("pglite");
}, 120_000);

afterAll(() => leaveEmbedded(database));

it("reads, pages, marks read, writes Seen and audits on PGlite, with the same answer as the Prisma projection", async () => {
  const db = await m.client.getDb();
  const [member, guide, nurse] = await Promise.all([m.actorFor("member@demo.test"), m.actorFor("guide@demo.test"), m.actorFor("nurse@demo.test")]);
  const { thread } = await m.createThread(member, { body: "Opening question", clientMessageId: randomUUID() });
  const start = Date.now() - 60_000;
  const later = [
    { authorId: guide.userId, visibility: "MEMBER" as const, body: "A reply" },
    { authorId: nurse.userId, visibility: "INTERNAL" as const, body: "A note" },
    { authorId: member.userId, visibility: "MEMBER" as const, body: "Thanks" },
  ];
  for (const [i, x] of later.entries()) {
    await db.message.create({ data: { id: randomUUID(), threadId: thread.id, clientMessageId: randomUUID(), createdAt: new Date(start + 1000 * (i + 1)), ...x } });
  }
  const thanks = await db.message.findFirstOrThrow({ where: { threadId: thread.id, body: "Thanks" } });
  await db.attachment.create({
    data: { uploaderId: member.userId, threadId: thread.id, messageId: thanks.id, displayName: "scan.pdf", sizeBytes: 12, status: "CLEAN", detectedType: "application/pdf" },
  });
  // The opening message last in time here (createThread stamped it now): keep the order plain.
  await db.message.updateMany({ where: { threadId: thread.id, body: "Opening question" }, data: { createdAt: new Date(start) } });

  const expected = (
    await db.message.findMany({ where: { threadId: thread.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: m.messageView.messageViewSelect })
  ).map(m.messageView.toMessageView);
  const page = await m.listMessages(guide, thread.id);
  expect(JSON.stringify(page.items)).toBe(JSON.stringify(expected));
  expect(page.items.at(-1)?.attachments.map((a) => a.fileName)).toEqual(["scan.pdf"]);

  // Paging through the cursor: the older page is the one before, oldest first.
  const newest = await m.listMessages(guide, thread.id, { limit: 2 });
  expect(newest.items.map((x) => x.body)).toEqual(["A note", "Thanks"]);
  const older = await m.listMessages(guide, thread.id, { limit: 2, before: newest.nextCursor! });
  expect(older.items.map((x) => x.body)).toEqual(["Opening question", "A reply"]);
  expect(older.nextCursor).toBeNull();

  // The member: no internal note.
  expect((await m.listMessages(member, thread.id)).items.map((x) => x.body)).toEqual(["Opening question", "A reply", "Thanks"]);

  // The writes: marker, Seen (the member's newest message), audit rows.
  const marker = await db.threadReadState.findUniqueOrThrow({ where: { threadId_userId: { threadId: thread.id, userId: guide.userId } } });
  expect(marker.lastReadAt).toEqual(thanks.createdAt);
  const reads = await db.outboxEvent.findMany({ where: { type: "read", threadId: thread.id } });
  expect(reads.map((r) => r.payload)).toEqual([{ threadId: thread.id, readAt: thanks.createdAt.toISOString() }]);
  expect(await db.auditLog.count({ where: { actorId: guide.userId, action: "message.list", recordId: thread.id, outcome: "ALLOWED" } })).toBe(3);

  // Out of scope: not found, audited.
  const outsider = await m.actorFor("guide2@demo.test");
  await expect(m.listMessages(outsider, thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect(await db.auditLog.count({ where: { actorId: outsider.userId, action: "message.list", recordId: thread.id, outcome: "DENIED" } })).toBe(1);
}, 60_000);
