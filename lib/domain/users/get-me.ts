import { authorize } from "../audit/authorize";
import type { Actor } from "../../access/actor";
import type { Role } from "../../access/roles";
import { getSql } from "../../db/client";
import { AppError } from "../../errors";

export type Me = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: { id: string; name: string; kind: "CONCIERGE" | "VIRTUAL_PRIMARY_CARE" | "HEALTH_CENTER" }[];
};

/**
 * One statement (raw SQL through Prisma's pool): through Prisma this read was three round
 * trips (user, memberships, teams) on a route every page calls (docs/performance.md).
 */
const meSql = `
  SELECT u.id::text AS id, u.email, u.name, u.role::text AS role,
         COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'kind', t.kind) ORDER BY t.name)
                     FROM team_memberships tm JOIN teams t ON t.id = tm.team_id
                    WHERE tm.user_id = u.id), '[]'::json) AS teams
    FROM users u
   WHERE u.id = $1::uuid`;

/** The signed-in actor's identity and teams (GET /api/v1/me). Holds no PHI. */
export async function getMe(actor: Actor): Promise<Me> {
  await authorize(actor, "me.read");
  const sql = await getSql();
  const [user] = await sql<Me>(meSql, [actor.userId], { name: "get-me" });
  if (!user) throw new AppError("UNAUTHENTICATED");
  return { id: user.id, email: user.email, name: user.name, role: user.role, teams: user.teams };
}
