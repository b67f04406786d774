import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { createThread } from "./create-thread";
import { getThread } from "./get-thread";

const key = () => `gt-${randomUUID()}`;

describe("getThread", () => {
  it("gives the member and their team the thread with its ticket, member and team, and audits the read", async () => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const { thread } = await createThread(member, { subject: "Inhaler", body: "Need a new inhaler.", clientMessageId: key() });
    for (const email of ["member@demo.test", "guide@demo.test", "nurse@demo.test"]) {
      const actor = await actorFor(email);
      const seen = await getThread(actor, thread.id);
      expect(seen).toEqual({
        ...thread,
        member: { id: member.userId, name: "Maya Patel" },
        team: { id: thread.teamId, name: "Sunrise", kind: "CONCIERGE" },
        access: { via: email === "member@demo.test" ? "member" : "team", expiresAt: null },
      });
      const row = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "thread.read" }, orderBy: { id: "desc" } });
      expect(row).toMatchObject({ memberId: member.userId, recordType: "thread", recordId: thread.id, outcome: "ALLOWED" });
    }
  });

  it("answers NOT_FOUND outside scope, audited, without disclosing anything", async () => {
    const db = await getDb();
    const member = await actorFor("member@demo.test");
    const vpc = await db.team.findUniqueOrThrow({ where: { name: "Virtual Primary Care" } });
    const { thread: sunrise } = await createThread(member, { subject: "Private subject", body: "Sunrise question", clientMessageId: key() });
    const { thread: vpcThread } = await createThread(member, { subject: "Private VPC subject", body: "VPC question", clientMessageId: key(), teamId: vpc.id });
    const cases: [string, string][] = [
      ["member2@demo.test", sunrise.id],
      ["guide2@demo.test", sunrise.id],
      ["doctor2@demo.test", sunrise.id],
      ["guide@demo.test", vpcThread.id],
      ["member3@demo.test", vpcThread.id],
    ];
    for (const [email, threadId] of cases) {
      const actor = await actorFor(email);
      const error = await getThread(actor, threadId).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "NOT_FOUND" });
      expect(JSON.stringify(error)).not.toContain("Private");
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, action: "thread.read", outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied.recordId).toBe(threadId);
    }
    // The same answer for a thread that does not exist at all.
    await expect(getThread(await actorFor("guide@demo.test"), randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThread(await actorFor("guide@demo.test"), "1 OR 1=1")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getThread(await actorFor("doctor@demo.test"), vpcThread.id)).team?.kind).toBe("VIRTUAL_PRIMARY_CARE");
  });

  it("refuses admins and compliance", async () => {
    const member = await actorFor("member@demo.test");
    const { thread } = await createThread(member, { body: "Hello", clientMessageId: key() });
    for (const email of ["admin@demo.test", "compliance@demo.test"]) {
      await expect(getThread(await actorFor(email), thread.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
