// "Seen" never tells the member when an internal note was written (security review).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { listMessages } from "../messages/list-messages";
import { sendMessage } from "../messages/send-message";
import { createThread } from "../threads/create-thread";
import { getThreadSeen } from "./get-thread-seen";

describe("Seen", () => {
  it("is the time of the member's newest visible message read, never of an internal note", async () => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const guide = await actorFor("guide@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    const { thread, message } = await createThread(member, { body: `Seen test ${randomUUID()}`, clientMessageId: randomUUID() });
    await new Promise((r) => setTimeout(r, 5));
    const note = await sendMessage(guide, thread.id, { body: "internal", visibility: "internal", clientMessageId: randomUUID() });
    expect(note.message.createdAt > message.createdAt).toBe(true);

    await listMessages(nurse, thread.id, {});
    expect((await getThreadSeen(member, thread.id)).seenAt).toBe(message.createdAt);
    const reads = await db.outboxEvent.findMany({ where: { type: "read", threadId: thread.id }, select: { payload: true } });
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect((r.payload as { readAt: string }).readAt).toBe(message.createdAt);
  });
});
