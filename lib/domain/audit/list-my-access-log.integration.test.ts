import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { getMemberContext } from "../members/get-member-context";
import { listMessages } from "../messages/list-messages";
import { createThread } from "../threads/create-thread";
import { getThread } from "../threads/get-thread";
import { uuid7 } from "../shared/uuid7";
import { getTicket } from "../tickets/get-ticket";
import { listMyAccessLog } from "./list-my-access-log";
import { recordAudit } from "./record-audit";

const key = () => `access-${randomUUID()}`;

describe("listMyAccessLog", () => {
  it("shows the member who on staff opened their conversation, and nothing of anyone else", async () => {
    const db = await getDb();
    const maya = await actorFor("member@demo.test");
    const samuel = await actorFor("member2@demo.test");
    const guide = await actorFor("guide@demo.test");
    const nurse = await actorFor("nurse@demo.test");
    const subject = `Knee pain ${randomUUID().slice(0, 6)}`;
    const otherSubject = `Samuel private ${randomUUID().slice(0, 6)}`;
    const { thread } = await createThread(maya, { subject, body: "My knee hurts.", clientMessageId: key() });
    const { thread: samuelThread } = await createThread(samuel, { subject: otherSubject, body: "Private.", clientMessageId: key() });

    // The guide opens Maya's conversation the way the console does (thread, messages twice: it
    // refreshes), the nurse looks at her details; the guide also opens Samuel's conversation.
    await getThread(guide, thread.id);
    await listMessages(guide, thread.id);
    await listMessages(guide, thread.id);
    await getTicket(guide, thread.ticket!.id);
    await getMemberContext(nurse, maya.userId);
    // A file in the conversation, downloaded by the nurse (the row the download writes).
    const file = await db.attachment.create({
      data: { id: uuid7(), uploaderId: maya.userId, memberId: maya.userId, threadId: thread.id, status: "CLEAN", displayName: "rash.jpg", sizeBytes: 10 },
    });
    await recordAudit(db, nurse, { action: "attachment.download", memberId: maya.userId, recordType: "attachment", recordId: file.id });
    await getThread(guide, samuelThread.id);
    // Break-the-glass by a guide of another team: the member is told, never the reason.
    const harbor = await actorFor("guide2@demo.test");
    const justification = `Covering for Sunrise ${randomUUID().slice(0, 6)}`;
    await recordAudit(db, harbor, { action: "emergencyAccess.grant", memberId: maya.userId, recordType: "thread", recordId: thread.id, reason: justification });
    // Maya reading her own conversation is not a staff access.
    await getThread(maya, thread.id);

    const { items } = await listMyAccessLog(maya);
    // One entry per hour: two if the test happened to run across the hour.
    const mine = items.filter((i) => i.kind === "conversation" && i.conversation?.id === thread.id);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.length).toBeLessThanOrEqual(2);
    for (const entry of mine) {
      expect(entry).toMatchObject({
        staff: { name: "Gabriel Ortiz", role: "CARE_GUIDE", roleLabel: "Care guide" },
        kind: "conversation",
        conversation: { id: thread.id, subject },
      });
    }
    expect(mine.reduce((n, i) => n + i.count, 0)).toBe(4); // thread, messages twice, ticket
    expect(items.find((i) => i.kind === "file_downloaded")).toMatchObject({ staff: { name: "Nora Haddad" }, conversation: { id: thread.id, subject } });
    expect(Date.parse(mine[0]!.lastAt)).toBeGreaterThanOrEqual(Date.parse(mine[0]!.firstAt));
    expect(items.find((i) => i.kind === "emergency_access")).toMatchObject({ staff: { name: "Hugo Mensah" }, conversation: { id: thread.id } });
    expect(items.find((i) => i.kind === "member_details")).toMatchObject({ staff: { name: "Nora Haddad", roleLabel: "Nurse" } });
    expect(items.some((i) => i.staff.role === ("MEMBER" as never))).toBe(false);

    const text = JSON.stringify(items);
    for (const secret of [samuelThread.id, otherSubject, "127.0.0.1", "userAgent", "reason", "rash.jpg", file.id, justification]) expect(text).not.toContain(secret);

    // And Samuel's report has his access, not Maya's.
    const samuels = await listMyAccessLog(samuel);
    expect(samuels.items.some((i) => i.conversation?.id === samuelThread.id)).toBe(true);
    expect(JSON.stringify(samuels.items)).not.toContain(thread.id);
    expect(JSON.stringify(samuels.items)).not.toContain(subject);

    // Reading the report is audited.
    expect(await db.auditLog.count({ where: { actorId: maya.userId, action: "audit.readOwnAccess", memberId: maya.userId } })).toBeGreaterThan(0);
  });

  it("pages through the report without repeating or skipping entries", async () => {
    const maya = await actorFor("member@demo.test");
    const guide = await actorFor("guide@demo.test");
    for (let i = 0; i < 3; i++) {
      const { thread } = await createThread(maya, { subject: `Page test ${i}`, body: "Hello", clientMessageId: key() });
      await getThread(guide, thread.id);
    }
    const all = await listMyAccessLog(maya, { limit: 100 });
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMyAccessLog(maya, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && paged.length < 200);
    expect(paged).toEqual(all.items.map((i) => i.id));
    await expect(listMyAccessLog(maya, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is for members only: staff, admins and compliance are refused, and audited", async () => {
    const db = await getDb();
    for (const email of ["guide@demo.test", "admin@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listMyAccessLog(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "audit.readOwnAccess", outcome: "DENIED" } })).toBeGreaterThan(0);
    }
  });
});
