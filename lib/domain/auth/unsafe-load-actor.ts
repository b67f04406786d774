/**
 * ⚠ SECURITY: builds an Actor for a user id taken from a verified session token.
 * `unsafe` because it reads users without a scope: it is what creates the scope. Only
 * lib/auth calls it, after the token's signature and lifetime were checked. Disabled
 * accounts get no actor, so disabling someone ends their sessions at their next request.
 */
import type { Actor, RequestOrigin } from "../../access/actor";
import { roles, type Role } from "../../access/roles";
import { getSql } from "../../db/client";

/**
 * One statement (it runs on every authenticated request): the user, its gates and the ids of
 * its teams that are not archived. Raw SQL through Prisma's own pool: the same load through
 * Prisma took two round trips and most of the request's database CPU (docs/performance.md).
 */
const actorSql = `
  SELECT u.id::text AS id, u.role::text AS role, u.name, u.email, u.status::text AS status,
         u.sessions_valid_after,
         u.mfa_enabled_at IS NOT NULL AS mfa_enabled,
         u.mfa_enrolment_required, u.password_change_required,
         ARRAY(SELECT tm.team_id::text
                 FROM team_memberships tm JOIN teams t ON t.id = tm.team_id
                WHERE tm.user_id = u.id AND t.archived_at IS NULL
                ORDER BY tm.team_id) AS team_ids
    FROM users u
   WHERE u.id = $1::uuid`;

type ActorRow = {
  id: string;
  role: string;
  name: string;
  email: string;
  status: string;
  sessions_valid_after: Date | null;
  mfa_enabled: boolean;
  mfa_enrolment_required: boolean;
  password_change_required: boolean;
  team_ids: string[];
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

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
  // Not a uuid: no such user (and never a cast error in the statement).
  if (!uuidPattern.test(userId)) return null;
  const sql = await getSql();
  const [user] = await sql<ActorRow>(actorSql, [userId], { name: "load-actor" });
  // ⚠ SECURITY: a disabled account and a session begun before the account's cut-off
  // (sign-out everywhere, password change, MFA reset) get no actor.
  if (!user || user.status !== "ACTIVE") return null;
  if (options.sessionStartedAt !== undefined && user.sessions_valid_after && options.sessionStartedAt < user.sessions_valid_after.getTime()) return null;
  if (!isRole(user.role)) return null;
  const actor: Actor = {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    teamIds: user.team_ids,
    apiClientId: options.apiClientId ?? null,
    origin,
  };
  return {
    actor,
    mfaEnabled: user.mfa_enabled,
    mfaEnrolmentRequired: user.mfa_enrolment_required,
    passwordChangeRequired: user.password_change_required,
  };
}
