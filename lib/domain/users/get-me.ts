import { authorize } from "../audit/authorize";
import type { Actor } from "../../access/actor";
import type { Role } from "../../access/roles";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";

export type Me = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: { id: string; name: string; kind: "CONCIERGE" | "VIRTUAL_PRIMARY_CARE" | "HEALTH_CENTER" }[];
};

/** The signed-in actor's identity and teams (GET /api/v1/me). Holds no PHI. */
export async function getMe(actor: Actor): Promise<Me> {
  await authorize(actor, "me.read");
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      teamMemberships: {
        select: { team: { select: { id: true, name: true, kind: true } } },
        orderBy: { team: { name: "asc" } },
      },
    },
  });
  if (!user) throw new AppError("UNAUTHENTICATED");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teams: user.teamMemberships.map((m) => m.team),
  };
}
