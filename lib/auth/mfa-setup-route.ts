/**
 * The API route wrapper of /api/v1/me/mfa/**: a staff session that must set up two-step
 * sign-in first (REQUIRE_STAFF_MFA, or an administrator reset its second factor) can reach
 * these routes and no others (session-setup-route.ts). A session that must first change a
 * one-time password gets 403 here too.
 */
import type { Actor } from "../access/actor";
import { getActorForMfaSetup } from "./get-actor";
import { sessionSetupRoute } from "./session-setup-route";

export function mfaSetupRoute(handler: (request: Request, actor: Actor, mfaSetupRequired: boolean) => Promise<Response>) {
  return sessionSetupRoute(getActorForMfaSetup, (request, actor, gates) => handler(request, actor, gates.mfaSetupRequired));
}
