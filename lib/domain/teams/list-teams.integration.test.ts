import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { listTeams } from "./list-teams";

describe("listTeams", () => {
  it("gives admins head counts and open work, and flags triage", async () => {
    const { teams, triageOpenTickets } = await listTeams(await actorFor("admin@demo.test"));
    const sunrise = teams.find((t) => t.name === "Sunrise");
    expect(sunrise).toMatchObject({ kind: "CONCIERGE", staffCount: 3 });
    expect(sunrise!.memberCount).toBeGreaterThan(2);
    const db = await getDb();
    expect(triageOpenTickets).toBe(await db.ticket.count({ where: { status: { not: "CLOSED" }, queue: { kind: "TRIAGE" } } }));
    expect(triageOpenTickets).toBeGreaterThan(0);
  });

  it("refuses staff, members and compliance, and audits the attempt", async () => {
    const db = await getDb();
    for (const email of ["guide@demo.test", "member@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listTeams(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "team.manage", outcome: "DENIED" } })).toBeGreaterThan(0);
    }
  });
});
