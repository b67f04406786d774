/**
 * ⚠ SECURITY: builds an Actor for a user id taken from a verified session token.
 * `unsafe` because it reads users without a scope: it is what creates the scope. Only
 * lib/auth calls it, after the token's signature and lifetime were checked. Disabled
 * accounts get no actor, so disabling someone ends their sessions at their next request.
 */
import type { Actor, RequestOrigin } from "../../access/actor";
import { getDb } from "../../db/client";

export type LoadActorOptions = {
  apiClientId?: string | null;
  /** For sessions: when the session began; sessions older than the user's cut-off are refused. */
  sessionStartedAt?: number;
};

export async function unsafeLoadActor(userId: string, origin: RequestOrigin, options: LoadActorOptions = {}): Promise<Actor | null> {
  return (await unsafeLoadActorWithMfa(userId, origin, options))?.actor ?? null;
}

/**
 * The same, with what the session gates need: whether two-step sign-in is on and must be
 * set up again (admin reset), and whether the one-time password must be changed first.
 */
export async function unsafeLoadActorWithMfa(
  userId: string,
  origin: RequestOrigin,
  options: LoadActorOptions = {},
): Promise<{ actor: Actor; mfaEnabled: boolean; mfaEnrolmentRequired: boolean; passwordChangeRequired: boolean } | null> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      role: true,
      name: true,
      email: true,
      status: true,
      sessionsValidAfter: true,
      mfaEnabledAt: true,
      mfaEnrolmentRequired: true,
      passwordChangeRequired: true,
      teamMemberships: { select: { teamId: true }, where: { team: { archivedAt: null } } },
    },
  });
  if (!user || user.status !== "ACTIVE") return null;
  if (options.sessionStartedAt !== undefined && user.sessionsValidAfter && options.sessionStartedAt < user.sessionsValidAfter.getTime()) return null;
  const actor: Actor = {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    teamIds: user.teamMemberships.map((m) => m.teamId),
    apiClientId: options.apiClientId ?? null,
    origin,
  };
  return {
    actor,
    mfaEnabled: user.mfaEnabledAt !== null,
    mfaEnrolmentRequired: user.mfaEnrolmentRequired,
    passwordChangeRequired: user.passwordChangeRequired,
  };
}
