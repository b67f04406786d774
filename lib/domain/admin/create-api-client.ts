import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { uuid7 } from "../shared/uuid7";
import { loadApiClient } from "./api-client-view";
import { requireActiveTeams } from "./assignable-teams";
import { newApiKey } from "./new-api-key";
import { createApiClientSchema, type CreateApiClientInput, type CreatedApiClient } from "./schemas";

/**
 * Issues an API client (POST /api/v1/admin/api-clients): a service user of its own — a
 * care guide, nurse or physician in the chosen teams, which is all the client may reach —
 * and a key shown in this answer only. The service user has no password, so it cannot sign
 * in; its email is a reserved `.invalid` address that can never receive mail. One batch
 * transaction with the audit rows — `apiClient.create` and, per team,
 * `team.api_client_create` — which name the key prefix, never the key.
 */
export async function createApiClient(actor: Actor, input: CreateApiClientInput): Promise<CreatedApiClient> {
  await authorize(actor, "apiClient.manage");
  const q = createApiClientSchema.parse(input);
  const db = await getDb();
  const teamIds = await requireActiveTeams(db, q.teamIds);
  const { key, prefix, hash } = newApiKey();
  const now = new Date();
  const clientId = uuid7(now.getTime());
  const userId = uuid7(now.getTime());

  await db.$transaction([
    db.user.create({
      data: { id: userId, email: `api-client.${prefix}@service.invalid`, name: q.name, role: q.role, passwordHash: null, createdAt: now },
      select: { id: true },
    }),
    db.teamMembership.createMany({ data: teamIds.map((teamId) => ({ teamId, userId, createdAt: now })) }),
    db.apiClient.create({
      data: { id: clientId, name: q.name, keyPrefix: prefix, keyHash: hash, serviceUserId: userId, createdById: actor.userId, createdAt: now },
      select: { id: true },
    }),
    db.auditLog.create({
      data: auditRowData(actor, {
        action: "apiClient.create",
        recordType: "apiClient",
        recordId: clientId,
        details: { serviceUserId: userId, role: q.role, teamIds, keyPrefix: `cnc_${prefix}` },
      }),
      select: { id: true },
    }),
    // And as seen from each team: compliance can find every key issued into a team.
    ...teamIds.map((teamId) =>
      db.auditLog.create({
        data: auditRowData(actor, {
          action: "team.api_client_create",
          recordType: "team",
          recordId: teamId,
          details: { apiClientId: clientId, serviceUserId: userId, role: q.role, keyPrefix: `cnc_${prefix}` },
        }),
        select: { id: true },
      }),
    ),
  ]);
  const client = await loadApiClient(db, clientId);
  if (!client) throw new AppError("NOT_FOUND");
  return { client, key };
}
