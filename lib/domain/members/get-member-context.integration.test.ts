import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { memberContextFieldsFor } from "../../access/member-context-fields";
import { ticketWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { createMember, createStaff, demoTeam } from "../tickets/test-fixtures";
import { getMemberContext } from "./get-member-context";
import { memberContextSelect } from "./member-context-select";

async function userId(email: string): Promise<string> {
  const db = await getDb();
  return (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

function ageToday(dob: string): number {
  const [y, m, d] = dob.split("-").map(Number) as [number, number, number];
  const now = new Date();
  const before = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (before ? 1 : 0);
}

describe("getMemberContext", () => {
  it("shows a care guide identity, contact, address, plan and deductible — and no health tags key at all", async () => {
    const guide = await actorFor("guide@demo.test");
    const maya = await userId("member@demo.test");
    const ctx = await getMemberContext(guide, maya);

    expect(Object.keys(ctx).sort()).toEqual(
      ["id", "fields", "name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "address", "plan", "deductible", "recentTickets"].sort(),
    );
    expect("healthTags" in ctx).toBe(false);
    expect(ctx.fields).toEqual(["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "address", "plan", "deductible", "recentTickets"]);
    expect(ctx).toMatchObject({ id: maya, name: "Maya Patel", dateOfBirth: "1991-04-12", age: ageToday("1991-04-12"), sex: "FEMALE", email: "member@demo.test" });
    expect(ctx.address).toMatchObject({ city: expect.any(String), region: expect.any(String), postalCode: expect.any(String) });
    expect(ctx.plan).toMatchObject({ name: expect.any(String), metalLevel: "GOLD", planYear: expect.any(Number) });
    expect(ctx.deductible).toEqual({ usedCents: expect.any(Number), totalCents: expect.any(Number) });
    expect(JSON.stringify(ctx)).not.toMatch(/asthma|cholesterol/i);
  });

  it("shows a nurse the health tags and plan, but no address, deductible or their keys", async () => {
    const nurse = await actorFor("nurse@demo.test");
    const ctx = await getMemberContext(nurse, await userId("member@demo.test"));
    expect(Object.keys(ctx).sort()).toEqual(
      ["id", "fields", "name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "plan", "healthTags", "recentTickets"].sort(),
    );
    expect("address" in ctx || "deductible" in ctx).toBe(false);
    expect(ctx.healthTags?.map((t) => t.code).sort()).toEqual(["asthma", "high-cholesterol"]);
    expect(ctx.healthTags?.[0]).toEqual({ code: expect.any(String), label: expect.any(String), category: expect.any(String) });
  });

  it("shows a physician identity, phone and health tags, no plan, address or email, and only their team's tickets", async () => {
    const db = await getDb();
    const doctor = await actorFor("doctor@demo.test");
    const ctx = await getMemberContext(doctor, await userId("member@demo.test"));
    expect(Object.keys(ctx).sort()).toEqual(["id", "fields", "name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "healthTags", "recentTickets"].sort());
    for (const key of ["plan", "deductible", "address", "email"]) expect(key in ctx).toBe(false);
    expect(ctx.recentTickets!.length).toBeGreaterThan(0);
    const vpc = await demoTeam("Virtual Primary Care");
    const teams = await db.ticket.findMany({ where: { id: { in: ctx.recentTickets!.map((t) => t.id) } }, select: { teamId: true } });
    expect(teams.every((t) => t.teamId === vpc.teamId)).toBe(true);
  });

  it.each(["guide@demo.test", "nurse@demo.test", "doctor@demo.test"])("lists exactly the fields %s is granted", async (email) => {
    const actor = await actorFor(email);
    const ctx = await getMemberContext(actor, await userId("member@demo.test"));
    // Documents are granted by the same table but listed by their own endpoint (GET …/documents).
    const granted = new Set([...memberContextFieldsFor(actor.role)].filter((f) => f !== "documents"));
    expect(new Set(ctx.fields)).toEqual(granted);
    expect(new Set(Object.keys(ctx).filter((k) => k !== "id" && k !== "fields"))).toEqual(granted);
  });

  it("never selects a field that is not granted", () => {
    const guide = memberContextSelect(memberContextFieldsFor("CARE_GUIDE")) as { memberProfile: { select: Record<string, unknown> } };
    expect("healthTags" in guide.memberProfile.select).toBe(false);
    const nurse = memberContextSelect(memberContextFieldsFor("NURSE")) as { memberProfile: { select: Record<string, unknown> } };
    for (const column of ["addressLine1", "addressLine2", "city", "region", "postalCode", "deductibleUsedCents"]) expect(nurse.memberProfile.select[column]).toBe(false);
    expect(nurse.memberProfile.select.plan).toEqual({ select: { name: true, metalLevel: true, planYear: true, deductibleCents: false } });
    const physician = memberContextSelect(memberContextFieldsFor("PHYSICIAN")) as { email: boolean; memberProfile: { select: Record<string, unknown> } };
    expect("plan" in physician.memberProfile.select).toBe(false);
    expect(physician.email).toBe(false);
  });

  it("lists the member's last five tickets the actor may see, newest first, with subjects", async () => {
    const db = await getDb();
    const guide = await actorFor("guide@demo.test");
    const maya = await userId("member@demo.test");
    const ctx = await getMemberContext(guide, maya);
    const expected = await db.ticket.findMany({
      where: { AND: [ticketWhereForActor(guide), { thread: { memberId: maya } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
      select: { id: true, thread: { select: { subject: true } } },
    });
    expect(ctx.recentTickets!.map((t) => [t.id, t.subject])).toEqual(expected.map((t) => [t.id, t.thread.subject]));
    // Maya's Virtual Primary Care thread is not the care guide's to see.
    expect(ctx.recentTickets!.some((t) => t.subject === "Question about my cholesterol results")).toBe(false);
  });

  it("audits the read with the member and the fields shown", async () => {
    const db = await getDb();
    const nurse = await actorFor("nurse@demo.test");
    const member2 = await userId("member2@demo.test");
    const ctx = await getMemberContext(nurse, member2);
    const row = await db.auditLog.findFirstOrThrow({ where: { actorId: nurse.userId, action: "memberContext.read" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ outcome: "ALLOWED", memberId: member2, recordType: "member", recordId: member2, details: { fields: ctx.fields } });
    // Field names only: never the values, and never health tags.
    expect(JSON.stringify(row.details)).not.toMatch(/diabetes|hypertension|Samuel/i);
  });

  it("computes the age in whole years, turning on the birthday (UTC)", async () => {
    const db = await getDb();
    const sunrise = await demoTeam("Sunrise");
    const guide = await actorFor("guide@demo.test");
    const fixture = await createMember(sunrise.teamId);
    const now = new Date();
    const dob = (daysFromToday: number) => new Date(Date.UTC(now.getUTCFullYear() - 40, now.getUTCMonth(), now.getUTCDate() + daysFromToday));
    await db.memberProfile.update({ where: { userId: fixture.id }, data: { dateOfBirth: dob(0) } });
    expect((await getMemberContext(guide, fixture.id)).age).toBe(40);
    await db.memberProfile.update({ where: { userId: fixture.id }, data: { dateOfBirth: dob(1) } });
    expect((await getMemberContext(guide, fixture.id)).age).toBe(39);
  });

  it("reaches a team's member who has no thread yet, with no tickets, a null plan and no address", async () => {
    const sunrise = await demoTeam("Sunrise");
    const guide = await actorFor("guide@demo.test");
    const fixture = await createMember(sunrise.teamId);
    const ctx = await getMemberContext(guide, fixture.id);
    expect(ctx).toMatchObject({ recentTickets: [], plan: null, deductible: null, address: null, phone: null });
  });

  it.each([
    ["guide2@demo.test", "member@demo.test"], // Harbor guide, Sunrise member
    ["guide@demo.test", "member3@demo.test"], // Sunrise guide, Harbor member
    ["doctor2@demo.test", "member2@demo.test"], // health center physician, a member they do not serve
  ])("answers NOT_FOUND to %s for %s, and audits the denial", async (email, memberEmail) => {
    const db = await getDb();
    const actor = await actorFor(email);
    const target = await userId(memberEmail);
    const denied = () => db.auditLog.count({ where: { actorId: actor.userId, action: "memberContext.read", outcome: "DENIED", recordId: target } });
    const before = await denied();
    await expect(getMemberContext(actor, target)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await denied()).toBe(before + 1);
  });

  it("answers NOT_FOUND for a staff user, an unknown id and a malformed id", async () => {
    const guide = await actorFor("guide@demo.test");
    // Staff of no team: adding one to Sunrise would change what other tests see of it.
    const colleague = await createStaff("NURSE", []);
    for (const id of [colleague.id, await userId("guide.b@demo.test"), "0196b0a4-2b7e-7c3a-9d1e-1234567890ab", "nope"]) {
      await expect(getMemberContext(guide, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it.each(["member@demo.test", "admin@demo.test", "compliance@demo.test"])("refuses %s (no memberContext.read), even for their own record", async (email) => {
    const db = await getDb();
    const actor = await actorFor(email);
    const target = await userId("member@demo.test");
    const denied = () => db.auditLog.count({ where: { actorId: actor.userId, action: "memberContext.read", outcome: "DENIED" } });
    const before = await denied();
    await expect(getMemberContext(actor, target)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await denied()).toBe(before + 1);
  });
});
