import type { Actor } from "../../access/actor";
import { can } from "../../access/capabilities";

/**
 * ⚠ SECURITY: only staff of the thread's owning team decide who else may read it — not a
 * collaborator, not someone under emergency access, and nobody on a triage thread (no team).
 */
export function canRemoveCollaborators(actor: Pick<Actor, "role" | "teamIds">, threadTeamId: string | null): boolean {
  return threadTeamId !== null && actor.teamIds.includes(threadTeamId) && can(actor.role, "collaborator.remove");
}
