import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { signInWithPassword } from "../auth/sign-in-with-password";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createMember, createStaff, createTeam as createTeamFixture, createTicket } from "../tickets/test-fixtures";
import { addTeamMembership } from "./add-team-membership";
import { changeUserRole } from "./change-user-role";
import { createStaffUser } from "./create-staff-user";
import { getPerson } from "./get-person";
import { listPeople } from "./list-people";
import { removeTeamMembership } from "./remove-team-membership";
import { resetUserPassword } from "./reset-user-password";

const origin = { ...unknownOrigin, ip: "127.0.0.1" };
const tag = () => randomBytes(4).toString("hex");

describe("createStaffUser", () => {
  it("creates the account in its teams with a one-time password that signs in, audited without the password", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeamFixture();
    const email = `New.Nurse.${tag()}@Example.test`;
    const { user, oneTimePassword } = await createStaffUser(admin, { name: "Nadia New", email: `  ${email} `, role: "NURSE", teamIds: [team.teamId] });
    expect(user).toMatchObject({ email: email.toLowerCase(), role: "NURSE", status: "ACTIVE", serviceUser: false, teams: [{ id: team.teamId }] });

    const db = await getDb();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(oneTimePassword);
    expect(await signInWithPassword({ email, password: oneTimePassword }, origin)).toMatchObject({ id: user.id, role: "NURSE" });

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.create", recordId: user.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, details: { role: "NURSE", teamIds: [team.teamId] } });
    expect(JSON.stringify({ ...audit, id: audit.id.toString() })).not.toContain(oneTimePassword);
  });

  it("refuses a taken email, teams for admins, and archived or unknown teams", async () => {
    const admin = await actorFor("admin@demo.test");
    await expect(createStaffUser(admin, { name: "Dup", email: "GUIDE@demo.test", role: "CARE_GUIDE" })).rejects.toMatchObject({ code: "CONFLICT" });
    const team = await createTeamFixture();
    await expect(createStaffUser(admin, { name: "Ada", email: `ada.${tag()}@x.test`, role: "ADMIN", teamIds: [team.teamId] })).rejects.toBeDefined();
    const db = await getDb();
    await db.team.update({ where: { id: team.teamId }, data: { archivedAt: new Date() } });
    await expect(createStaffUser(admin, { name: "Arc", email: `arc.${tag()}@x.test`, role: "NURSE", teamIds: [team.teamId] })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      createStaffUser(admin, { name: "Unk", email: `unk.${tag()}@x.test`, role: "NURSE", teamIds: ["0190a000-0000-7000-8000-000000000000"] }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("listPeople", () => {
  it("searches names and emails, filters by type and team, and pages by name", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeamFixture();
    const marker = `Zed${tag()}`;
    const made = await Promise.all([1, 2, 3].map((i) => createStaff("CARE_GUIDE", [team.teamId], `${marker} Guide ${i}`)));
    const member = await createMember(team.teamId, `${marker} Member`);

    const first = await listPeople(admin, { q: marker.toLowerCase(), type: "staff", limit: 2 });
    expect(first.items.map((p) => p.name)).toEqual([`${marker} Guide 1`, `${marker} Guide 2`]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listPeople(admin, { q: marker, type: "staff", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.id)).toEqual([made[2]!.id]);
    expect(second.nextCursor).toBeNull();

    const members = await listPeople(admin, { q: marker, type: "member" });
    expect(members.items).toEqual([expect.objectContaining({ id: member.id, role: "MEMBER", teams: [expect.objectContaining({ id: team.teamId })] })]);
    expect((await listPeople(admin, { teamId: team.teamId })).items).toHaveLength(4);
    expect((await listPeople(admin, { q: member.email.toUpperCase() })).items.map((p) => p.id)).toEqual([member.id]);
    await expect(listPeople(admin, { cursor: "nonsense" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorId: admin.userId, action: "user.list" } })).toBeGreaterThan(0);
  });
});

describe("changeUserRole", () => {
  it("moves between staff roles keeping teams, and ends the person's sessions", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeamFixture();
    const guide = await createStaff("CARE_GUIDE", [team.teamId]);
    const startedAt = Date.now() - 1000;
    expect(await unsafeLoadActor(guide.id, origin, { sessionStartedAt: startedAt })).not.toBeNull();

    const changed = await changeUserRole(admin, guide.id, { role: "NURSE" });
    expect(changed).toMatchObject({ role: "NURSE", teams: [{ id: team.teamId }] });
    expect(await unsafeLoadActor(guide.id, origin, { sessionStartedAt: startedAt })).toBeNull();
    const db = await getDb();
    expect(await db.auditLog.findFirst({ where: { action: "user.role_change", recordId: guide.id } })).toMatchObject({
      details: { from: "CARE_GUIDE", to: "NURSE", removedTeamIds: [], releasedTickets: 0 },
    });
  });

  it("becoming an admin leaves every team and releases active tickets with events", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeamFixture();
    const nurse = await createStaff("NURSE", [team.teamId]);
    const member = await createMember(team.teamId);
    const open = await createTicket({ ...team, memberId: member.id, assigneeId: nurse.id, status: "OPEN" });
    const closed = await createTicket({ ...team, memberId: member.id, assigneeId: nurse.id, status: "CLOSED" });

    const changed = await changeUserRole(admin, nurse.id, { role: "ADMIN" });
    expect(changed).toMatchObject({ role: "ADMIN", teams: [], assignedOpenTickets: 0 });
    const db = await getDb();
    expect(await db.ticket.findUnique({ where: { id: open.ticketId } })).toMatchObject({ assigneeId: null });
    expect(await db.ticket.findUnique({ where: { id: closed.ticketId } })).toMatchObject({ assigneeId: nurse.id });
    expect(await db.ticketEvent.findFirst({ where: { ticketId: open.ticketId, type: "ASSIGNED" } })).toMatchObject({ actorId: admin.userId, fromValue: nurse.id, toValue: null });
    expect(await db.outboxEvent.count({ where: { type: "ticket.updated", threadId: open.threadId } })).toBe(1);
  });

  it("refuses member ↔ staff flips, the admin's own role, and admin roles for service users", async () => {
    const admin = await actorFor("admin@demo.test");
    const member = await createMember(null);
    const guide = await createStaff("CARE_GUIDE", []);
    await expect(changeUserRole(admin, member.id, { role: "CARE_GUIDE" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(changeUserRole(admin, guide.id, { role: "MEMBER" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(changeUserRole(admin, admin.userId, { role: "COMPLIANCE" })).rejects.toMatchObject({ code: "CONFLICT" });
    const db = await getDb();
    await db.apiClient.create({ data: { name: "svc", keyPrefix: tag() + tag(), keyHash: "0".repeat(64), serviceUserId: guide.id } });
    await expect(changeUserRole(admin, guide.id, { role: "ADMIN" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await db.user.findUniqueOrThrow({ where: { id: guide.id } })).role).toBe("CARE_GUIDE");
  });
});

describe("team memberships", () => {
  it("add takes effect at the next request; remove releases that team's tickets only; both audited and idempotent", async () => {
    const admin = await actorFor("admin@demo.test");
    const [a, b] = [await createTeamFixture(), await createTeamFixture()];
    const guide = await createStaff("CARE_GUIDE", [a.teamId]);
    const member = await createMember(a.teamId);
    const ticketA = await createTicket({ ...a, memberId: member.id, assigneeId: guide.id });

    const added = await addTeamMembership(admin, guide.id, b.teamId);
    expect(added.teams.map((t) => t.id).sort()).toEqual([a.teamId, b.teamId].sort());
    expect((await unsafeLoadActor(guide.id, origin))?.teamIds).toContain(b.teamId);
    const ticketB = await createTicket({ ...b, memberId: member.id, assigneeId: guide.id });
    await addTeamMembership(admin, guide.id, b.teamId);

    const removed = await removeTeamMembership(admin, guide.id, b.teamId);
    expect(removed.teams.map((t) => t.id)).toEqual([a.teamId]);
    expect((await unsafeLoadActor(guide.id, origin))?.teamIds).toEqual([a.teamId]);
    const db = await getDb();
    expect(await db.ticket.findUnique({ where: { id: ticketB.ticketId } })).toMatchObject({ assigneeId: null });
    expect(await db.ticket.findUnique({ where: { id: ticketA.ticketId } })).toMatchObject({ assigneeId: guide.id });
    await removeTeamMembership(admin, guide.id, b.teamId);
    expect(await db.auditLog.count({ where: { recordId: guide.id, action: "user.team_add" } })).toBe(1);
    expect(await db.auditLog.findFirst({ where: { recordId: guide.id, action: "user.team_remove" } })).toMatchObject({ details: { teamId: b.teamId, releasedTickets: 1 } });
  });

  it("refuses members, admins and archived teams", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeamFixture();
    const member = await createMember(null);
    await expect(addTeamMembership(admin, member.id, team.teamId)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addTeamMembership(admin, admin.userId, team.teamId)).rejects.toMatchObject({ code: "CONFLICT" });
    const nurse = await createStaff("NURSE", []);
    const db = await getDb();
    await db.team.update({ where: { id: team.teamId }, data: { archivedAt: new Date() } });
    await expect(addTeamMembership(admin, nurse.id, team.teamId)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addTeamMembership(admin, nurse.id, "0190a000-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("resetUserPassword", () => {
  it("gives staff a new one-time password and ends their sessions; never for members or service users", async () => {
    const admin = await actorFor("admin@demo.test");
    const { user } = await createStaffUser(admin, { name: "Reset Me", email: `reset.${tag()}@x.test`, role: "PHYSICIAN" });
    const startedAt = Date.now() - 1000;
    const { oneTimePassword } = await resetUserPassword(admin, user.id);
    expect(await unsafeLoadActor(user.id, origin, { sessionStartedAt: startedAt })).toBeNull();
    expect(await signInWithPassword({ email: user.email, password: oneTimePassword }, origin)).toMatchObject({ id: user.id });
    const member = await createMember(null);
    await expect(resetUserPassword(admin, member.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(resetUserPassword(admin, admin.userId)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("people administration is for admins only", () => {
  it("answers 403 on the collection and 404 on a person, auditing each attempt", async () => {
    const nurse = await createStaff("NURSE", []);
    const team = await createTeamFixture();
    const db = await getDb();
    for (const email of ["guide@demo.test", "member@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listPeople(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createStaffUser(actor, { name: "Nope", email: `nope.${tag()}@x.test`, role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getPerson(actor, nurse.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(changeUserRole(actor, nurse.id, { role: "ADMIN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(addTeamMembership(actor, nurse.id, team.teamId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(removeTeamMembership(actor, nurse.id, team.teamId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(resetUserPassword(actor, nurse.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "user.manage", outcome: "DENIED", recordId: nurse.id } })).toBe(5);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: nurse.id } })).role).toBe("NURSE");
  });
});
