import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { countRoundTrips } from "../../../test/round-trips";
import { getDb } from "../../db/client";
import { hashApiKey } from "../../auth/api-key";
import { unsafeLoadApiClientActor } from "./unsafe-load-api-client-actor";

const origin = { ip: "10.9.0.1", userAgent: "vitest" };

async function createClient() {
  const db = await getDb();
  const doctor = await db.user.findUniqueOrThrow({ where: { email: "doctor@demo.test" }, include: { teamMemberships: true } });
  const prefix = randomBytes(6).toString("hex");
  const key = `cnc_${prefix}_${randomBytes(24).toString("base64url")}`;
  const client = await db.apiClient.create({ data: { name: "VPC app", keyPrefix: prefix, keyHash: hashApiKey(key), serviceUserId: doctor.id } });
  return { db, doctor, key, client };
}

describe("API keys", () => {
  it("resolve to the service user with its teams", async () => {
    const { doctor, key, client } = await createClient();
    const actor = await unsafeLoadApiClientActor(key, origin);
    expect(actor).toMatchObject({ userId: doctor.id, role: "PHYSICIAN", apiClientId: client.id });
    expect(actor?.teamIds).toEqual(doctor.teamMemberships.map((m) => m.teamId));
  });

  it("refuse a wrong secret with a right prefix, and malformed keys", async () => {
    const { key } = await createClient();
    const forged = key.slice(0, -3) + (key.endsWith("AAA") ? "BBB" : "AAA");
    expect(await unsafeLoadApiClientActor(forged, origin)).toBeNull();
    expect(await unsafeLoadApiClientActor("cnc_short", origin)).toBeNull();
    expect(await unsafeLoadApiClientActor("", origin)).toBeNull();
  });

  it("refuse a revoked client", async () => {
    const { db, key, client } = await createClient();
    await db.apiClient.update({ where: { id: client.id }, data: { revokedAt: new Date() } });
    expect(await unsafeLoadApiClientActor(key, origin)).toBeNull();
  });

  it("refuse a key whose service user was disabled", async () => {
    const { db, key, client } = await createClient();
    const nurse = await db.user.create({ data: { email: `svc.${randomBytes(4).toString("hex")}@fixture.test`, name: "Service", role: "NURSE", status: "DISABLED" } });
    await db.apiClient.update({ where: { id: client.id }, data: { serviceUserId: nurse.id } });
    expect(await unsafeLoadApiClientActor(key, origin)).toBeNull();
  });

  it("cost two round trips a request; the last-use time is written on first use, then at most once a minute", async () => {
    const { db, key, client } = await createClient();
    expect(await countRoundTrips(() => unsafeLoadApiClientActor(key, origin))).toBe(3);
    const first = (await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    expect(await countRoundTrips(() => unsafeLoadApiClientActor(key, origin))).toBe(2);
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt).toEqual(first);
    await db.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    expect(await countRoundTrips(() => unsafeLoadApiClientActor(key, origin))).toBe(3);
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 30_000);
  });
});
