import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";

export type MemberChannel = {
  /** null: the member's own concierge team (or triage while they have none). */
  teamId: string | null;
  label: string;
  description: string;
};

const labels = {
  VIRTUAL_PRIMARY_CARE: { label: "My doctor", description: "Your virtual primary care team" },
  HEALTH_CENTER: { label: "My health center", description: "Doctors at your health center" },
} as const;

/** Where a member can start a conversation: their care team, plus any other team serving them. */
export async function listMemberChannels(actor: Actor): Promise<MemberChannel[]> {
  await authorize(actor, "thread.create");
  const db = await getDb();
  const served = await db.memberServiceTeam.findMany({
    where: { memberId: actor.userId, team: { archivedAt: null, kind: { not: "CONCIERGE" } } },
    select: { team: { select: { id: true, kind: true } } },
    orderBy: { team: { name: "asc" } },
  });
  return [
    { teamId: null, label: "My care team", description: "Care guides and a nurse for benefits, care and anything else" },
    ...served.map(({ team }) => ({ teamId: team.id, ...labels[team.kind as keyof typeof labels] })),
  ];
}
