/**
 * Loading people as administration shows them, shared by the people operations.
 * ⚠ Minimum necessary: the select below is the whole of what administration reads about a
 * person. A member's profile contributes its concierge team and nothing else (no date of
 * birth, plan, address or health tags); threads and tickets are only ever counted.
 */
import type { Actor } from "../../access/actor";
import type { Prisma, PrismaClient } from "../../db/generated/client";
import { AppError } from "../../errors";
import type { PersonDetail, PersonTeam, PersonView } from "./schemas";

const teamSelect = { select: { id: true, name: true, kind: true, archivedAt: true } } as const;

export const personSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  status: true,
  lastSignInAt: true,
  createdAt: true,
  mfaEnabledAt: true,
  passwordChangeRequired: true,
  teamMemberships: { orderBy: { team: { name: "asc" } }, select: { team: teamSelect } },
  memberProfile: { select: { team: teamSelect } },
  _count: { select: { apiClients: true } },
} as const satisfies Prisma.UserSelect;

type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>;
type TeamRow = { id: string; name: string; kind: PersonTeam["kind"]; archivedAt: Date | null };

function toTeam(team: TeamRow): PersonTeam {
  return { id: team.id, name: team.name, kind: team.kind, archived: team.archivedAt !== null };
}

export function toPersonView(row: PersonRow): PersonView {
  const memberTeam = row.memberProfile?.team;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    teams: row.role === "MEMBER" ? (memberTeam ? [toTeam(memberTeam)] : []) : row.teamMemberships.map((m) => toTeam(m.team)),
    serviceUser: row._count.apiClients > 0,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    mfaEnabled: row.mfaEnabledAt !== null,
    passwordChangeRequired: row.passwordChangeRequired,
  };
}

/** Tickets that still need someone: every state but CLOSED. */
export const activeTicket = { status: { not: "CLOSED" } } as const satisfies Prisma.TicketWhereInput;

/**
 * A member's conversations on their concierge team's channel: owned by that team — or by
 * triage (no team) while they have none. What a change of concierge team moves, closed ones
 * included (assign-member-team.ts); conversations on other teams' channels are not in it.
 */
export function conciergeThreadsWhere(memberId: string, teamId: string | null): Prisma.ThreadWhereInput {
  return { memberId, teamId };
}

/** Of those, the ones that still have an active ticket: the "open conversations" admins see. */
export function openConversationsWhere(memberId: string, teamId: string | null): Prisma.ThreadWhereInput {
  return { ...conciergeThreadsWhere(memberId, teamId), tickets: { some: activeTicket } };
}

export async function loadPersonDetail(db: PrismaClient, userId: string): Promise<PersonDetail | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: personSelect });
  if (!row) return null;
  const view = toPersonView(row);
  const isMember = row.role === "MEMBER";
  const [openConversations, assignedOpenTickets, apiClients] = await Promise.all([
    isMember ? db.thread.count({ where: openConversationsWhere(row.id, row.memberProfile?.team?.id ?? null) }) : null,
    isMember ? null : db.ticket.count({ where: { assigneeId: row.id, ...activeTicket } }),
    view.serviceUser
      ? db.apiClient.findMany({ where: { serviceUserId: row.id }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, keyPrefix: true, revokedAt: true } })
      : [],
  ]);
  return {
    ...view,
    openConversations,
    assignedOpenTickets,
    apiClients: apiClients.map((c) => ({ id: c.id, name: c.name, keyPrefix: `cnc_${c.keyPrefix}`, revokedAt: c.revokedAt?.toISOString() ?? null })),
  };
}

/** The person as it now is, after a change; a row deleted meanwhile is NOT_FOUND. */
export async function reloadPerson(db: PrismaClient, userId: string): Promise<PersonDetail> {
  const person = await loadPersonDetail(db, userId);
  if (!person) throw new AppError("NOT_FOUND", "No such person.");
  return person;
}

/** The audit row's member column: set when the person changed is a member, so it shows in their trail. */
export function memberIdOf(person: { id: string; role: string }): string | null {
  return person.role === "MEMBER" ? person.id : null;
}

/** Admins never lock themselves out: their own role and status are changed by another admin. */
export function refuseSelf(actor: Actor, userId: string, what: string): void {
  if (actor.userId === userId) throw new AppError("CONFLICT", `You cannot ${what} your own account. Ask another administrator.`);
}
