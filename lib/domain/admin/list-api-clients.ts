import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { apiClientSelect, toApiClientView } from "./api-client-view";
import type { ApiClientView } from "./schemas";

/** API clients, active first, newest first (GET /api/v1/admin/api-clients). Keys are never shown again. */
export async function listApiClients(actor: Actor): Promise<{ items: ApiClientView[] }> {
  await authorize(actor, "apiClient.manage");
  const db = await getDb();
  const rows = await db.apiClient.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
    select: apiClientSelect,
  });
  return { items: rows.map(toApiClientView) };
}
