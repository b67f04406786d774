import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { signInWithPassword } from "../auth/sign-in-with-password";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { createStaffUser } from "./create-staff-user";
import { deactivateUser } from "./deactivate-user";
import { reactivateUser } from "./reactivate-user";

const origin = { ...unknownOrigin, ip: "127.0.0.1" };

describe("deactivateUser", () => {
  it("ends the person's open sessions at their next request: the actor loader returns null", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeam();
    const { user, oneTimePassword } = await createStaffUser(admin, { name: "Dee Activated", email: `dee.${Date.now()}@x.test`, role: "CARE_GUIDE", teamIds: [team.teamId] });
    // A session that began a moment ago, as getActor() would check it on every request.
    const sessionStartedAt = Date.now() - 5_000;
    expect(await unsafeLoadActor(user.id, origin, { sessionStartedAt })).toMatchObject({ userId: user.id, teamIds: [team.teamId] });

    const after = await deactivateUser(admin, user.id);
    expect(after.status).toBe("DISABLED");
    expect(await unsafeLoadActor(user.id, origin, { sessionStartedAt })).toBeNull();
    expect(await unsafeLoadActor(user.id, origin)).toBeNull();
    expect(await signInWithPassword({ email: user.email, password: oneTimePassword }, origin)).toBeNull();

    const db = await getDb();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionsValidAfter: true } });
    expect(row.sessionsValidAfter!.getTime()).toBeGreaterThan(sessionStartedAt);
    expect(await db.auditLog.findFirst({ where: { action: "user.deactivate", recordId: user.id } })).toMatchObject({
      actorId: admin.userId,
      outcome: "ALLOWED",
      details: { role: "CARE_GUIDE", releasedTickets: 0 },
    });
  });

  it("keeps old sessions dead after reactivation; a new sign-in works", async () => {
    const admin = await actorFor("admin@demo.test");
    const { user, oneTimePassword } = await createStaffUser(admin, { name: "Re Activated", email: `re.${Date.now()}@x.test`, role: "COMPLIANCE" });
    const oldSession = Date.now() - 5_000;
    await deactivateUser(admin, user.id);
    expect(await reactivateUser(admin, user.id)).toMatchObject({ status: "ACTIVE" });
    expect(await unsafeLoadActor(user.id, origin, { sessionStartedAt: oldSession })).toBeNull();
    expect(await signInWithPassword({ email: user.email, password: oneTimePassword }, origin)).toMatchObject({ id: user.id });
    expect(await unsafeLoadActor(user.id, origin, { sessionStartedAt: Date.now() })).toMatchObject({ userId: user.id });
    const db = await getDb();
    expect(await db.auditLog.count({ where: { recordId: user.id, action: "user.reactivate" } })).toBe(1);
    // Idempotent both ways: nothing more is written.
    await reactivateUser(admin, user.id);
    expect(await db.auditLog.count({ where: { recordId: user.id, action: "user.reactivate" } })).toBe(1);
  });

  it("releases the person's active tickets with ASSIGNED events, and audits a member's deactivation in their trail", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeam();
    const nurse = await createStaff("NURSE", [team.teamId]);
    const member = await createMember(team.teamId);
    const a = await createTicket({ ...team, memberId: member.id, assigneeId: nurse.id, status: "ON_HOLD" });
    const b = await createTicket({ ...team, memberId: member.id, assigneeId: nurse.id, status: "SOLVED" });
    await deactivateUser(admin, nurse.id);
    const db = await getDb();
    for (const t of [a, b]) {
      expect(await db.ticket.findUnique({ where: { id: t.ticketId }, select: { assigneeId: true } })).toEqual({ assigneeId: null });
      expect(await db.ticketEvent.count({ where: { ticketId: t.ticketId, type: "ASSIGNED", fromValue: nurse.id, toValue: null } })).toBe(1);
    }
    await deactivateUser(admin, member.id);
    expect(await unsafeLoadActor(member.id, origin)).toBeNull();
    expect(await db.auditLog.findFirst({ where: { action: "user.deactivate", recordId: member.id } })).toMatchObject({ memberId: member.id });
  });

  it("refuses the admin's own account and non-admins (404, audited)", async () => {
    const admin = await actorFor("admin@demo.test");
    await expect(deactivateUser(admin, admin.userId)).rejects.toMatchObject({ code: "CONFLICT" });
    const target = await createStaff("CARE_GUIDE", []);
    const db = await getDb();
    for (const email of ["guide@demo.test", "member@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(deactivateUser(actor, target.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(reactivateUser(actor, target.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "user.manage", outcome: "DENIED", recordId: target.id } })).toBe(2);
    }
    expect(await unsafeLoadActor(target.id, origin)).not.toBeNull();
  });
});
