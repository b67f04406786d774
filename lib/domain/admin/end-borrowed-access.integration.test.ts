// Left ajar (issue 9): a role change, a deactivation or leaving a team ends the person's
// collaborations and emergency accesses in the same transaction — audited, announced — so
// they do not come back with a reactivation or a change back.
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { requestEmergencyAccess } from "../emergency-access/request-emergency-access";
import { getThread } from "../threads/get-thread";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { changeUserRole } from "./change-user-role";
import { deactivateUser } from "./deactivate-user";
import { reactivateUser } from "./reactivate-user";
import { removeTeamMembership } from "./remove-team-membership";

const reason = "Member called the nurse line with chest pain; need the history now.";

async function actorOf(userId: string) {
  const actor = await unsafeLoadActor(userId, { ...unknownOrigin, ip: "127.0.0.1" });
  if (!actor) throw new Error("no actor");
  return actor;
}

/** A nurse of team `own` who collaborates on one thread of another team and holds an emergency access on a second one. */
async function nurseWithBorrowedAccess() {
  const db = await getDb();
  const [own, other] = [await createTeam(), await createTeam()];
  const nurse = await createStaff("NURSE", [own.teamId]);
  const guide = await createStaff("CARE_GUIDE", [other.teamId]);
  const member = await createMember(other.teamId);
  const collaborated = await createTicket({ ...other, memberId: member.id });
  const broken = await createTicket({ ...other, memberId: member.id });
  await db.threadCollaborator.create({ data: { threadId: collaborated.threadId, userId: nurse.id, addedById: guide.id, reason: "Mentioned in an internal note by a care guide" } });
  const { grant } = await requestEmergencyAccess(await actorOf(nurse.id), broken.threadId, { reason });
  const asNurse = await actorOf(nurse.id);
  await expect(getThread(asNurse, collaborated.threadId)).resolves.toMatchObject({ access: { via: "collaborator" } });
  await expect(getThread(asNurse, broken.threadId)).resolves.toMatchObject({ access: { via: "emergency" } });
  return { nurse, own, other, member, collaborated, broken, grantId: grant.id };
}

async function expectEnded(x: Awaited<ReturnType<typeof nurseWithBorrowedAccess>>, adminId: string, via: string) {
  const db = await getDb();
  const collaboration = await db.threadCollaborator.findFirstOrThrow({ where: { threadId: x.collaborated.threadId, userId: x.nurse.id } });
  expect(collaboration.removedAt).not.toBeNull();
  expect(collaboration.removedById).toBe(adminId);
  expect((await db.emergencyAccess.findUniqueOrThrow({ where: { id: x.grantId } })).endedAt).not.toBeNull();
  const removal = await db.auditLog.findFirstOrThrow({ where: { action: "collaborator.remove", recordId: x.collaborated.threadId } });
  expect(removal).toMatchObject({ actorId: adminId, memberId: x.member.id, outcome: "ALLOWED" });
  expect(removal.details).toMatchObject({ userId: x.nurse.id, via });
  const end = await db.auditLog.findFirstOrThrow({ where: { action: "emergencyAccess.end", recordId: x.broken.threadId } });
  expect(end).toMatchObject({ actorId: adminId, memberId: x.member.id });
  expect(end.details).toMatchObject({ emergencyAccessId: x.grantId, userId: x.nurse.id, via });
  expect(await db.outboxEvent.count({ where: { type: "collaborator.removed", threadId: x.collaborated.threadId, userId: x.nurse.id } })).toBe(1);
}

describe("borrowed access ends with the change that takes access away", () => {
  it("deactivation ends collaborations and emergency accesses; reactivation does not bring them back", async () => {
    const admin = await actorFor("admin@demo.test");
    const x = await nurseWithBorrowedAccess();
    await deactivateUser(admin, x.nurse.id);
    await expectEnded(x, admin.userId, "deactivation");
    await reactivateUser(admin, x.nurse.id);
    const back = await actorOf(x.nurse.id);
    await expect(getThread(back, x.collaborated.threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThread(back, x.broken.threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a role change ends them, whatever the new role", async () => {
    const admin = await actorFor("admin@demo.test");
    const x = await nurseWithBorrowedAccess();
    await changeUserRole(admin, x.nurse.id, { role: "PHYSICIAN" });
    await expectEnded(x, admin.userId, "role_change");
    const physician = await actorOf(x.nurse.id);
    await expect(getThread(physician, x.collaborated.threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getThread(physician, x.broken.threadId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("leaving one team ends borrowed access on that team's threads; leaving the last team ends all of it", async () => {
    const admin = await actorFor("admin@demo.test");
    const db = await getDb();
    const x = await nurseWithBorrowedAccess();
    // She joins the other team too (her collaboration there predates it), then leaves it again.
    const third = await createTeam();
    await db.teamMembership.createMany({ data: [{ teamId: x.other.teamId, userId: x.nurse.id }, { teamId: third.teamId, userId: x.nurse.id }] });
    const elsewhereMember = await createMember(third.teamId);
    const unrelated = await createTicket({ ...(await createTeam()), memberId: elsewhereMember.id });
    await db.threadCollaborator.create({ data: { threadId: unrelated.threadId, userId: x.nurse.id, addedById: admin.userId, reason: "Mentioned in an internal note by a care guide" } });

    await removeTeamMembership(admin, x.nurse.id, x.other.teamId);
    await expectEnded(x, admin.userId, "team_removal");
    const stillThere = await db.threadCollaborator.findFirstOrThrow({ where: { threadId: unrelated.threadId, userId: x.nurse.id } });
    expect(stillThere.removedAt).toBeNull();

    await removeTeamMembership(admin, x.nurse.id, x.own.teamId);
    expect((await db.threadCollaborator.findFirstOrThrow({ where: { threadId: unrelated.threadId, userId: x.nurse.id } })).removedAt).toBeNull();
    await removeTeamMembership(admin, x.nurse.id, third.teamId);
    expect((await db.threadCollaborator.findFirstOrThrow({ where: { threadId: unrelated.threadId, userId: x.nurse.id } })).removedAt).not.toBeNull();
  });
});
