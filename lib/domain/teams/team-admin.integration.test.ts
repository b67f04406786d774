import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { unknownOrigin } from "../../access/actor";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { createMember, createStaff, createTicket } from "../tickets/test-fixtures";
import { archiveTeam } from "./archive-team";
import { createTeam } from "./create-team";
import { getAdminTeam } from "./get-admin-team";
import { listAdminTeams } from "./list-admin-teams";
import { restoreTeam } from "./restore-team";
import { updateTeam } from "./update-team";

const uniqueName = (label: string) => `${label} ${randomBytes(4).toString("hex")}`;
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" }));

async function newTeam(kind: "CONCIERGE" | "VIRTUAL_PRIMARY_CARE" | "HEALTH_CENTER" = "CONCIERGE") {
  const admin = await actorFor("admin@demo.test");
  return createTeam(admin, { name: uniqueName("Team"), kind, timeZone: "America/Denver", hours: weekdays });
}

describe("createTeam", () => {
  it("creates the team with its queue and an audit row, in one go", async () => {
    const admin = await actorFor("admin@demo.test");
    const name = uniqueName("Lakeside");
    const team = await createTeam(admin, { name, kind: "CONCIERGE", timeZone: "europe/berlin", hours: [{ day: 6, start: "09:00", end: "12:00" }, ...weekdays] });
    expect(team).toMatchObject({ name, kind: "CONCIERGE", timeZone: "Europe/Berlin", archivedAt: null, staffCount: 0, memberCount: 0, openTickets: 0, nurseCount: 0 });
    expect(team.hours.map((h) => h.day)).toEqual([1, 2, 3, 4, 5, 6]);
    const db = await getDb();
    const queue = await db.queue.findUnique({ where: { teamId: team.id } });
    expect(queue).toMatchObject({ name, kind: "TEAM" });
    const audit = await db.auditLog.findFirst({ where: { action: "team.create", recordId: team.id } });
    expect(audit).toMatchObject({ actorId: admin.userId, outcome: "ALLOWED", recordType: "team", details: { queueId: queue!.id, kind: "CONCIERGE" } });
  });

  it("keeps names unique without regard to case, and refuses unknown time zones and bad hours", async () => {
    const admin = await actorFor("admin@demo.test");
    await expect(createTeam(admin, { name: "sunrise", kind: "CONCIERGE", timeZone: "UTC" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createTeam(admin, { name: uniqueName("T"), kind: "CONCIERGE", timeZone: "Mars/Olympus_Mons" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["timeZone"] })],
    });
    await expect(
      createTeam(admin, { name: uniqueName("T"), kind: "CONCIERGE", timeZone: "UTC", hours: [{ day: 1, start: "18:00", end: "08:00" }] }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["hours", 0, "end"] })] });
    await expect(
      createTeam(admin, { name: uniqueName("T"), kind: "CONCIERGE", timeZone: "UTC", hours: [{ day: 1, start: "08:00", end: "09:00" }, { day: 1, start: "10:00", end: "11:00" }] }),
    ).rejects.toBeDefined();
  });
});

describe("updateTeam", () => {
  it("renames the team and its queue, changes zone and hours, and audits the fields changed", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    const name = uniqueName("Renamed");
    const updated = await updateTeam(admin, team.id, { name, timeZone: "Asia/Tokyo", hours: [] });
    expect(updated).toMatchObject({ name, timeZone: "Asia/Tokyo", hours: [] });
    const db = await getDb();
    expect(await db.queue.findUnique({ where: { teamId: team.id } })).toMatchObject({ name });
    const audit = await db.auditLog.findFirst({ where: { action: "team.update", recordId: team.id }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ changed: ["name", "timeZone", "hours"], timeZone: { from: "America/Denver", to: "Asia/Tokyo" } });
  });

  it("writes nothing when nothing changes, and refuses another team's name", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    const db = await getDb();
    const before = await db.auditLog.count({ where: { action: "team.update", recordId: team.id } });
    await updateTeam(admin, team.id, { name: team.name, timeZone: team.timeZone });
    expect(await db.auditLog.count({ where: { action: "team.update", recordId: team.id } })).toBe(before);
    await expect(updateTeam(admin, team.id, { name: "HARBOR" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps a concierge team with members a concierge team", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    await createMember(team.id);
    await expect(updateTeam(admin, team.id, { kind: "HEALTH_CENTER" })).rejects.toMatchObject({ code: "CONFLICT" });
    const empty = await newTeam();
    expect(await updateTeam(admin, empty.id, { kind: "HEALTH_CENTER" })).toMatchObject({ kind: "HEALTH_CENTER" });
  });
});

describe("listAdminTeams and getAdminTeam", () => {
  it("count active staff, nurses, members and tickets not closed; the detail lists staff", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    const db = await getDb();
    const queue = await db.queue.findUniqueOrThrow({ where: { teamId: team.id } });
    const nurse = await createStaff("NURSE", [team.id]);
    const guide = await createStaff("CARE_GUIDE", [team.id]);
    await db.user.update({ where: { id: guide.id }, data: { status: "DISABLED" } });
    const member = await createMember(team.id);
    await createTicket({ teamId: team.id, queueId: queue.id, memberId: member.id, status: "PENDING" });
    await createTicket({ teamId: team.id, queueId: queue.id, memberId: member.id, status: "CLOSED" });

    const { items } = await listAdminTeams(admin);
    expect(items.find((t) => t.id === team.id)).toMatchObject({ staffCount: 1, nurseCount: 1, memberCount: 1, openTickets: 1 });
    const detail = await getAdminTeam(admin, team.id);
    expect(detail.staff.map((s) => [s.id, s.status])).toEqual(
      expect.arrayContaining([
        [nurse.id, "ACTIVE"],
        [guide.id, "DISABLED"],
      ]),
    );
  });
});

describe("archiveTeam and restoreTeam", () => {
  it("refuse while members or active tickets depend on the team", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    const member = await createMember(team.id);
    await expect(archiveTeam(admin, team.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const other = await newTeam("HEALTH_CENTER");
    const db = await getDb();
    const queue = await db.queue.findUniqueOrThrow({ where: { teamId: other.id } });
    await createTicket({ teamId: other.id, queueId: queue.id, memberId: member.id, status: "SOLVED" });
    await expect(archiveTeam(admin, other.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("archive: staff lose the team at their next request; restore brings it back; both audited", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    const nurse = await createStaff("NURSE", [team.id]);
    const origin = { ...unknownOrigin, ip: "127.0.0.1" };
    expect((await unsafeLoadActor(nurse.id, origin))?.teamIds).toEqual([team.id]);

    const archived = await archiveTeam(admin, team.id);
    expect(archived.archivedAt).not.toBeNull();
    expect((await unsafeLoadActor(nurse.id, origin))?.teamIds).toEqual([]);
    expect((await listAdminTeams(admin)).items.some((t) => t.id === team.id)).toBe(false);
    expect((await listAdminTeams(admin, { archived: "true" })).items.some((t) => t.id === team.id)).toBe(true);
    expect(await archiveTeam(admin, team.id)).toMatchObject({ archivedAt: archived.archivedAt });

    expect(await restoreTeam(admin, team.id)).toMatchObject({ archivedAt: null });
    expect((await unsafeLoadActor(nurse.id, origin))?.teamIds).toEqual([team.id]);
    const db = await getDb();
    expect(await db.auditLog.count({ where: { recordId: team.id, action: { in: ["team.archive", "team.restore"] } } })).toBe(2);
  });
});

describe("archiveTeam and restoreTeam signal open event streams (review finding 5)", () => {
  it("writes one scope.changed per staff member of the team with the archive, and again with the restore", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await newTeam();
    const [nurse, guide] = [await createStaff("NURSE", [team.id]), await createStaff("CARE_GUIDE", [team.id])];
    const db = await getDb();
    const signals = async () =>
      (await db.outboxEvent.findMany({ where: { type: "scope.changed", userId: { in: [nurse.id, guide.id] } }, select: { userId: true } })).map((e) => e.userId).sort();

    expect(await signals()).toEqual([]);
    const archived = await archiveTeam(admin, team.id);
    expect(await signals()).toEqual([nurse.id, guide.id].sort());
    // In the same transaction as the change: no signal without an archived team.
    const archiveEvents = await db.outboxEvent.findMany({ where: { type: "scope.changed", userId: nurse.id }, select: { createdAt: true } });
    expect(archiveEvents).toHaveLength(1);
    expect(Math.abs(archiveEvents[0]!.createdAt.getTime() - new Date(archived.archivedAt!).getTime())).toBeLessThan(5_000);

    await restoreTeam(admin, team.id);
    expect(await signals()).toEqual([nurse.id, nurse.id, guide.id, guide.id].sort());
  });
});

describe("team administration is for admins only", () => {
  it("answers 403 on the collection and 404 on a team to staff, members and compliance, auditing each attempt", async () => {
    const team = await newTeam();
    const db = await getDb();
    for (const email of ["guide@demo.test", "member@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listAdminTeams(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createTeam(actor, { name: uniqueName("Nope"), kind: "CONCIERGE", timeZone: "UTC" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getAdminTeam(actor, team.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(updateTeam(actor, team.id, { name: uniqueName("Nope") })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(archiveTeam(actor, team.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(restoreTeam(actor, team.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "team.manage", outcome: "DENIED", recordId: team.id } })).toBe(4);
    }
    expect((await getAdminTeam(await actorFor("admin@demo.test"), team.id)).name).toBe(team.name);
  });

  it("answers 404 for unknown and malformed ids, audited", async () => {
    const admin = await actorFor("admin@demo.test");
    await expect(getAdminTeam(admin, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(archiveTeam(admin, "0190a000-0000-7000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const db = await getDb();
    expect(await db.auditLog.count({ where: { actorId: admin.userId, action: "team.archive", outcome: "DENIED" } })).toBeGreaterThan(0);
  });
});
