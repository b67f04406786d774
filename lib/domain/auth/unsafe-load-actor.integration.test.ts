/**
 * The actor load runs on every authenticated request, so it is one database round trip
 * (docs/performance.md, "CPU per request") — and exactly as strict as before: a disabled
 * account, a session older than the account's cut-off, an archived team and the sign-in
 * gates are decided by that one statement.
 */
import { describe, expect, it } from "vitest";
import { countRoundTrips } from "../../../test/round-trips";
import type { RequestOrigin } from "../../access/actor";
import { getDb, getPoolForRoundTripCount } from "../../db/client";
import { createStaff, createTeam } from "../tickets/test-fixtures";
import { unsafeLoadActor, unsafeLoadActorWithMfa } from "./unsafe-load-actor";

const origin: RequestOrigin = { ip: "127.0.0.1", userAgent: "vitest" };

describe("unsafeLoadActorWithMfa", () => {
  it("loads the user, its live teams and the gates in one round trip", async () => {
    const [a, b] = [await createTeam(), await createTeam()];
    const nurse = await createStaff("NURSE", [a.teamId, b.teamId]);
    let loaded: Awaited<ReturnType<typeof unsafeLoadActorWithMfa>> = null;
    const trips = await countRoundTrips(async () => {
      loaded = await unsafeLoadActorWithMfa(nurse.id, origin, { sessionStartedAt: Date.now() });
    });
    expect(trips).toBe(1);
    expect(loaded).toMatchObject({
      actor: { userId: nurse.id, role: "NURSE", name: nurse.name, email: nurse.email, apiClientId: null, origin },
      mfaEnabled: false,
      mfaEnrolmentRequired: false,
      passwordChangeRequired: false,
    });
    expect([...loaded!.actor.teamIds].sort()).toEqual([a.teamId, b.teamId].sort());
  });

  it("leaves out archived teams, and a user with no team has none", async () => {
    const [live, archived] = [await createTeam(), await createTeam()];
    const guide = await createStaff("CARE_GUIDE", [live.teamId, archived.teamId]);
    const db = await getDb();
    await db.team.update({ where: { id: archived.teamId }, data: { archivedAt: new Date() } });
    expect((await unsafeLoadActor(guide.id, origin))?.teamIds).toEqual([live.teamId]);
    const loner = await createStaff("PHYSICIAN", []);
    expect((await unsafeLoadActor(loner.id, origin))?.teamIds).toEqual([]);
  });

  it("refuses a disabled account, an unknown id and a session begun before the cut-off", async () => {
    const team = await createTeam();
    const guide = await createStaff("CARE_GUIDE", [team.teamId]);
    const db = await getDb();
    const cutOff = new Date(Date.now() - 1_000);
    await db.user.update({ where: { id: guide.id }, data: { sessionsValidAfter: cutOff } });
    expect(await unsafeLoadActor(guide.id, origin, { sessionStartedAt: cutOff.getTime() - 1 })).toBeNull();
    expect(await unsafeLoadActor(guide.id, origin, { sessionStartedAt: cutOff.getTime() })).not.toBeNull();
    await db.user.update({ where: { id: guide.id }, data: { status: "DISABLED" } });
    expect(await unsafeLoadActor(guide.id, origin)).toBeNull();
    expect(await unsafeLoadActor("0199c223-0000-7000-8000-000000000000", origin)).toBeNull();
  });

  it("reports the gates: two-step sign-in on, set-up required, one-time password", async () => {
    const guide = await createStaff("CARE_GUIDE", []);
    const db = await getDb();
    await db.user.update({ where: { id: guide.id }, data: { mfaEnabledAt: new Date(), mfaEnrolmentRequired: true, passwordChangeRequired: true } });
    expect(await unsafeLoadActorWithMfa(guide.id, origin)).toMatchObject({ mfaEnabled: true, mfaEnrolmentRequired: true, passwordChangeRequired: true });
  });

  it("runs as a named prepared statement on PostgreSQL (parsed and planned once per connection)", async () => {
    const guide = await createStaff("CARE_GUIDE", []);
    await unsafeLoadActor(guide.id, origin);
    const pool = (await getPoolForRoundTripCount())!;
    // pg-pool hands out the most recently released connection: the one that just ran it.
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE name = 'load-actor'");
      expect(rows).toHaveLength(1);
      expect(rows[0]!.statement).toContain("FROM users u");
    } finally {
      client.release();
    }
    // And it keeps answering on that connection with other ids.
    const other = await createStaff("NURSE", []);
    expect((await unsafeLoadActor(other.id, origin))?.userId).toBe(other.id);
  });
});
