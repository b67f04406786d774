import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { apiKeyPattern, hashApiKey } from "../../auth/api-key";
import { getDb } from "../../db/client";
import { unsafeLoadApiClientActor } from "../auth/unsafe-load-api-client-actor";
import { listQueueTickets } from "../tickets/list-queue-tickets";
import { createMember, createTeam, createTicket } from "../tickets/test-fixtures";
import { createApiClient } from "./create-api-client";
import { listApiClients } from "./list-api-clients";
import { revokeApiClient } from "./revoke-api-client";

const origin = { ip: "10.1.2.3", userAgent: "vitest" };

describe("API clients", () => {
  it("create → the key works as a bearer actor scoped to the service user's teams → revoke → refused", async () => {
    const admin = await actorFor("admin@demo.test");
    const team = await createTeam();
    const member = await createMember(team.teamId);
    const ticket = await createTicket({ ...team, memberId: member.id });

    const { client, key } = await createApiClient(admin, { name: "Scheduling app", role: "NURSE", teamIds: [team.teamId] });
    expect(key).toMatch(new RegExp(`^${client.keyPrefix}_[A-Za-z0-9_-]{43}$`));
    expect(client).toMatchObject({ name: "Scheduling app", revokedAt: null, lastUsedAt: null, createdBy: { id: admin.userId }, serviceUser: { role: "NURSE", status: "ACTIVE", teams: [{ id: team.teamId }] } });

    const db = await getDb();
    const row = await db.apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.keyHash).toBe(hashApiKey(key));
    const serviceUser = await db.user.findUniqueOrThrow({ where: { id: client.serviceUser.id } });
    expect(serviceUser).toMatchObject({ passwordHash: null, email: expect.stringMatching(/@service\.invalid$/) });

    const actor = await unsafeLoadApiClientActor(key, origin);
    expect(actor).toMatchObject({ userId: client.serviceUser.id, role: "NURSE", teamIds: [team.teamId], apiClientId: client.id });
    const queue = await listQueueTickets(actor!, { view: "all" });
    expect(queue.items.map((t) => t.id)).toEqual([ticket.ticketId]);
    const listed = (await listApiClients(admin)).items.find((c) => c.id === client.id);
    expect(listed?.lastUsedAt).not.toBeNull();

    const revoked = await revokeApiClient(admin, client.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.serviceUser.status).toBe("DISABLED");
    expect(await unsafeLoadApiClientActor(key, origin)).toBeNull();
    expect(await revokeApiClient(admin, client.id)).toMatchObject({ revokedAt: revoked.revokedAt });

    const audits = await db.auditLog.findMany({ where: { recordId: client.id, action: { in: ["apiClient.create", "apiClient.revoke"] } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["apiClient.create", "apiClient.revoke"]);
    expect(audits[0]!.details).toMatchObject({ serviceUserId: client.serviceUser.id, role: "NURSE", teamIds: [team.teamId], keyPrefix: client.keyPrefix });
    // The key itself appears nowhere but in the one answer.
    // The whole secret part: base64url may itself hold "_", so never split on it.
    const secret = apiKeyPattern.exec(key)?.[2] ?? "";
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(audits.map((a) => a.details))).not.toContain(secret);
    expect(JSON.stringify(await listApiClients(admin))).not.toContain(secret);
  });

  it("refuses a service user without teams, with archived teams, or with a role beyond staff", async () => {
    const admin = await actorFor("admin@demo.test");
    await expect(createApiClient(admin, { name: "No team", role: "NURSE", teamIds: [] })).rejects.toBeDefined();
    await expect(createApiClient(admin, { name: "Too much", role: "ADMIN" as "NURSE", teamIds: [(await createTeam()).teamId] })).rejects.toBeDefined();
    const archived = await createTeam();
    const db = await getDb();
    await db.team.update({ where: { id: archived.teamId }, data: { archivedAt: new Date() } });
    await expect(createApiClient(admin, { name: "Archived", role: "NURSE", teamIds: [archived.teamId] })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("is for admins only: 403 on the collection, 404 on a client, audited", async () => {
    const admin = await actorFor("admin@demo.test");
    const { client, key } = await createApiClient(admin, { name: "Guarded", role: "CARE_GUIDE", teamIds: [(await createTeam()).teamId] });
    const db = await getDb();
    for (const email of ["guide@demo.test", "member@demo.test", "compliance@demo.test"]) {
      const actor = await actorFor(email);
      await expect(listApiClients(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(createApiClient(actor, { name: "Nope", role: "NURSE", teamIds: [client.serviceUser.teams[0]!.id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(revokeApiClient(actor, client.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.auditLog.count({ where: { actorId: actor.userId, action: "apiClient.manage", outcome: "DENIED" } })).toBeGreaterThanOrEqual(3);
    }
    // An API client is never an admin: its own key cannot manage clients either.
    const keyActor = await unsafeLoadApiClientActor(key, origin);
    await expect(revokeApiClient(keyActor!, client.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await unsafeLoadApiClientActor(key, origin)).not.toBeNull();
  });
});
