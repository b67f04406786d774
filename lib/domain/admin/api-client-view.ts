/** API clients as administration shows them: names, prefixes, times — never a key or its hash. */
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { ApiClientView } from "./schemas";

const teamSelect = { select: { id: true, name: true, kind: true, archivedAt: true } } as const;

export const apiClientSelect = {
  id: true,
  name: true,
  keyPrefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true } },
  serviceUser: {
    select: { id: true, name: true, role: true, status: true, teamMemberships: { orderBy: { team: { name: "asc" } }, select: { team: teamSelect } } },
  },
} as const satisfies Prisma.ApiClientSelect;

type ApiClientRow = Prisma.ApiClientGetPayload<{ select: typeof apiClientSelect }>;

export function toApiClientView(row: ApiClientRow): ApiClientView {
  const { serviceUser: user } = row;
  return {
    id: row.id,
    name: row.name,
    keyPrefix: `cnc_${row.keyPrefix}`,
    serviceUser: {
      id: user.id,
      name: user.name,
      role: user.role,
      status: user.status,
      teams: user.teamMemberships.map(({ team }) => ({ id: team.id, name: team.name, kind: team.kind, archived: team.archivedAt !== null })),
    },
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function loadApiClient(db: PrismaClient, id: string): Promise<ApiClientView | null> {
  const row = await db.apiClient.findUnique({ where: { id }, select: apiClientSelect });
  return row ? toApiClientView(row) : null;
}

