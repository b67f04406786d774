import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
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
});
