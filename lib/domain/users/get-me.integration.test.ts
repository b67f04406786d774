import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { countRoundTrips } from "../../../test/round-trips";
import { getDb } from "../../db/client";
import { createStaff, createTeam } from "../tickets/test-fixtures";
import { getMe } from "./get-me";

describe("getMe", () => {
  it("describes staff with their teams", async () => {
    const me = await getMe(await actorFor("guide2@demo.test"));
    expect(me).toMatchObject({ email: "guide2@demo.test", role: "CARE_GUIDE", teams: [{ name: "Harbor", kind: "CONCIERGE" }] });
  });

  it("gives members, admins and compliance no teams", async () => {
    for (const email of ["member@demo.test", "admin@demo.test", "compliance@demo.test"]) {
      expect((await getMe(await actorFor(email))).teams).toEqual([]);
    }
  });

  it("answers only for the actor itself (the id comes from the actor, never from input)", async () => {
    const a = await actorFor("member@demo.test");
    const b = await actorFor("member2@demo.test");
    expect((await getMe(a)).id).toBe(a.userId);
    expect((await getMe(b)).id).toBe(b.userId);
  });

  it("is one round trip, with every team of the actor by name and nothing more per team", async () => {
    const [x, y] = [await createTeam(), await createTeam()];
    const db = await getDb();
    await db.team.update({ where: { id: x.teamId }, data: { name: `zz ${x.name}` } });
    const nurse = await createStaff("NURSE", [x.teamId, y.teamId]);
    const actor = { userId: nurse.id, role: "NURSE" as const, name: nurse.name, email: nurse.email, teamIds: [x.teamId, y.teamId], apiClientId: null, origin: { ip: null, userAgent: null } };
    let me: Awaited<ReturnType<typeof getMe>> | null = null;
    expect(await countRoundTrips(async () => void (me = await getMe(actor)))).toBe(1);
    expect(me).toEqual({
      id: nurse.id,
      email: nurse.email,
      name: nurse.name,
      role: "NURSE",
      teams: [
        { id: y.teamId, name: y.name, kind: "CONCIERGE" },
        { id: x.teamId, name: `zz ${x.name}`, kind: "CONCIERGE" },
      ],
    });
  });
});
