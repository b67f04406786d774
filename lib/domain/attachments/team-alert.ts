/**
 * Who is alerted when a file turns out to be infected: the staff of the team that owns the
 * conversation it was sent on; before it is sent, the member's own care team; for a staff
 * upload not yet sent, the uploader's teams. The alert names what happened, never the file.
 */
import { staffRoles } from "../../access/roles";
import type { Prisma } from "../../db/generated/client";

type Db = Pick<Prisma.TransactionClient, "memberProfile" | "teamMembership">;

type Source = { uploaderId: string; memberId: string | null; thread: { teamId: string | null } | null };

export async function teamIdsToAlert(db: Db, source: Source): Promise<string[]> {
  if (source.thread?.teamId) return [source.thread.teamId];
  if (source.memberId) {
    const profile = await db.memberProfile.findUnique({ where: { userId: source.memberId }, select: { teamId: true } });
    if (profile?.teamId) return [profile.teamId];
  }
  const memberships = await db.teamMembership.findMany({ where: { userId: source.uploaderId }, select: { teamId: true } });
  return memberships.map((m) => m.teamId);
}

export async function staffToAlert(db: Db, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const rows = await db.teamMembership.findMany({
    where: { teamId: { in: teamIds }, user: { status: "ACTIVE", role: { in: [...staffRoles] } } },
    select: { userId: true },
  });
  return [...new Set(rows.map((r) => r.userId))];
}
