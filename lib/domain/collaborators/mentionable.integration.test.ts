import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { problemFromError } from "../../http/problem";
import { sendMessage } from "../messages/send-message";
import { createThread } from "../threads/create-thread";
import { listMentionable } from "./list-mentionable";
import { listCollaborators } from "./list-collaborators";
import { removeCollaborator } from "./remove-collaborator";

const key = () => `mn-${randomUUID()}`;
const text = (label: string) => `Mentionable test ${label} ${randomUUID()}`;

async function newThread(memberEmail: string, teamName?: string) {
  const db = await getDb();
  const member = await actorFor(memberEmail);
  const teamId = teamName ? (await db.team.findUniqueOrThrow({ where: { name: teamName } })).id : undefined;
  const { thread } = await createThread(member, { body: text("opening"), clientMessageId: key(), ...(teamId ? { teamId } : {}) });
  return { member, threadId: thread.id };
}

async function userId(email: string) {
  const db = await getDb();
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

describe("listMentionable", () => {
  it("offers the actor's colleagues and the nurses and physicians serving the member, nobody else", async () => {
    const guide = await actorFor("guide@demo.test");
    const { threadId } = await newThread("member@demo.test");
    const { items } = await listMentionable(guide, threadId);
    const byName = new Map(items.map((u) => [u.name, u]));
    expect(byName.get("Bea Lindqvist")).toMatchObject({ role: "CARE_GUIDE", team: { name: "Sunrise" } });
    expect(byName.get("Nora Haddad")).toMatchObject({ role: "NURSE", team: { name: "Sunrise" } });
    // Maya is served by Virtual Primary Care.
    expect(byName.get("Dr. Priya Raman")).toMatchObject({ role: "PHYSICIAN", team: { name: "Virtual Primary Care" } });
    // Not the actor, not another team's care guide or nurse, not a physician of a team not serving her, no member or admin.
    for (const name of ["Gabriel Ortiz", "Hugo Mensah", "Ines Duarte", "Dr. Marcus Bell", "Maya Patel", "Alex Admin", "Casey Compliance"]) {
      expect(byName.has(name), name).toBe(false);
    }
    // Nothing about the member.
    expect(Object.keys(items[0]!).sort()).toEqual(["id", "name", "role", "team"]);
    const names = items.map((u) => u.name);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });

  it("filters by any part of the name, treating % and _ literally", async () => {
    const guide = await actorFor("guide@demo.test");
    const { threadId } = await newThread("member@demo.test");
    expect((await listMentionable(guide, threadId, { q: "priya" })).items.map((u) => u.name)).toEqual(["Dr. Priya Raman"]);
    expect((await listMentionable(guide, threadId, { q: "%" })).items).toEqual([]);
  });

  it("follows the member's serving teams: no doctor for a member Virtual Primary Care does not serve", async () => {
    const guide = await actorFor("guide@demo.test");
    const { threadId } = await newThread("member2@demo.test");
    const names = (await listMentionable(guide, threadId)).items.map((u) => u.name);
    expect(names).toContain("Nora Haddad");
    expect(names).not.toContain("Dr. Priya Raman");
  });

  it("answers NOT_FOUND outside scope and to roles that may not mention, and audits it", async () => {
    const db = await getDb();
    const { threadId } = await newThread("member@demo.test");
    for (const email of ["guide2@demo.test", "doctor@demo.test", "member@demo.test", "admin@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listMentionable(actor, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: actor.userId, outcome: "DENIED" }, orderBy: { id: "desc" } });
      expect(denied.recordId).toBe(threadId);
    }
    await expect(listMentionable(await actorFor("guide@demo.test"), "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("sendMessage with mentions: refusals", () => {
  it("refuses a member's mentions (403, audited) and stores nothing", async () => {
    const db = await getDb();
    const { member, threadId } = await newThread("member@demo.test");
    const body = text("member mention");
    const guideId = await userId("guide@demo.test");
    await expect(sendMessage(member, threadId, { body, clientMessageId: key(), mentions: [guideId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.message.count({ where: { body } })).toBe(0);
    expect(await db.notification.count({ where: { threadId } })).toBe(0);
    const denied = await db.auditLog.findFirstOrThrow({ where: { actorId: member.userId, action: "collaborator.add", outcome: "DENIED" }, orderBy: { id: "desc" } });
    expect(denied.recordId).toBe(threadId);
  });

  it("answers 422 for anyone outside the mentionable set, or oneself, and stores nothing", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const { threadId } = await newThread("member2@demo.test");
    const outsiders = [
      await userId("guide2@demo.test"), // Harbor's care guide
      await userId("doctor@demo.test"), // VPC does not serve Samuel
      await userId("member@demo.test"), // a member
      await userId("admin@demo.test"),
      guide.userId, // oneself
      randomUUID(), // nobody
    ];
    for (const outsider of outsiders) {
      const body = text("outsider");
      const error = await sendMessage(guide, threadId, { body, clientMessageId: key(), visibility: "internal", mentions: [await userId("nurse@demo.test"), outsider] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID_INPUT" });
      const problem = (await problemFromError(error).json()) as { status: number; detail: string; errors: { path: string }[] };
      expect(problem.status).toBe(422);
      expect(problem.detail).toMatch(/only mention staff/);
      expect(problem.errors).toEqual([expect.objectContaining({ path: "mentions.1" })]);
      expect(await db.message.count({ where: { body } })).toBe(0);
    }
    expect(await db.notification.count({ where: { threadId } })).toBe(0);
    expect(await db.threadCollaborator.count({ where: { threadId } })).toBe(0);
  });

  it("keeps mentions to internal notes, and at most 10 per note", async () => {
    const guide = await actorFor("guide@demo.test");
    const { threadId } = await newThread("member@demo.test");
    const nurse = await userId("nurse@demo.test");
    await expect(sendMessage(guide, threadId, { body: text("reply"), clientMessageId: key(), mentions: [nurse] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const eleven = Array.from({ length: 11 }, () => randomUUID());
    await expect(sendMessage(guide, threadId, { body: text("many"), clientMessageId: key(), visibility: "internal", mentions: eleven })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("removeCollaborator: who may", () => {
  it("refuses staff outside the owning team and answers NOT_FOUND outside scope", async () => {
    const guide = await actorFor("guide@demo.test");
    const doctor = await actorFor("doctor@demo.test");
    const doctor2 = await actorFor("doctor2@demo.test");
    // A thread on Virtual Primary Care's channel; the doctor brings in Sunrise's nurse.
    const { threadId } = await newThread("member@demo.test", "Virtual Primary Care");
    const nurse = await actorFor("nurse@demo.test");
    await sendMessage(doctor, threadId, { body: text("@Nora Haddad"), clientMessageId: key(), visibility: "internal", mentions: [nurse.userId] });
    expect((await listCollaborators(nurse, threadId)).canRemove).toBe(false);
    await expect(removeCollaborator(nurse, threadId, nurse.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeCollaborator(guide, threadId, nurse.userId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeCollaborator(doctor2, threadId, nurse.userId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeCollaborator(await actorFor("member@demo.test"), threadId, nurse.userId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeCollaborator(doctor, threadId, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The owning team's physician ends it.
    await removeCollaborator(doctor, threadId, nurse.userId);
    await expect(listCollaborators(nurse, threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
