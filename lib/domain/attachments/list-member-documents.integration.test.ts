// Issue 9, item 3: a member's documents are a read of that member. Out of scope answers 404,
// audited as DENIED — never 200 with an empty list and an ALLOWED row that would name the
// reader in the member's "who has seen my messages".
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { listMemberDocuments } from "./list-member-documents";

async function actorOf(userId: string) {
  const actor = await unsafeLoadActor(userId, { ...unknownOrigin, ip: "127.0.0.1" });
  if (!actor) throw new Error("no actor");
  return actor;
}

describe("listMemberDocuments: scope", () => {
  it("answers the member's own team's nurse and physician", async () => {
    const team = await createTeam();
    const member = await createMember(team.teamId);
    for (const role of ["NURSE", "PHYSICIAN"] as const) {
      const clinician = await actorOf((await createStaff(role, [team.teamId])).id);
      await expect(listMemberDocuments(clinician, member.id)).resolves.toEqual({ items: [] });
    }
  });

  it("is NOT_FOUND for a nurse or physician of another team, audited as DENIED, never as an allowed read of the member", async () => {
    const db = await getDb();
    const [home, other] = [await createTeam(), await createTeam()];
    const member = await createMember(home.teamId);
    await createTicket({ ...home, memberId: member.id });
    for (const role of ["NURSE", "PHYSICIAN"] as const) {
      const outsider = await actorOf((await createStaff(role, [other.teamId])).id);
      for (const id of [member.id, randomUUID()]) {
        await expect(listMemberDocuments(outsider, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
      expect(await db.auditLog.count({ where: { actorId: outsider.userId, action: "memberDocuments.list", outcome: "DENIED" } })).toBe(2);
      expect(await db.auditLog.count({ where: { actorId: outsider.userId, outcome: "ALLOWED" } })).toBe(0);
      expect(await db.auditLog.count({ where: { actorId: outsider.userId, memberId: member.id } })).toBe(0);
    }
  });

  it("is NOT_FOUND for a staff account's id, even for a nurse who shares that person's team", async () => {
    const team = await createTeam();
    const nurse = await actorOf((await createStaff("NURSE", [team.teamId])).id);
    const colleague = await createStaff("CARE_GUIDE", [team.teamId]);
    await expect(listMemberDocuments(nurse, colleague.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
