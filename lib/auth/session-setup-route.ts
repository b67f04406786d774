/**
 * The API route wrapper of the routes a gated session may still reach —
 * /api/v1/me/mfa/** (two-step set-up) and POST /api/v1/me/password (one-time password) —
 * lib/http/api-route.ts's shell with one difference: the actor comes from the given
 * resolver, which lets such a session through. Everything else is the same shared code:
 * cross-site cookie writes refused first (403), 401 without an actor, problem+json errors,
 * `Cache-Control: no-store`.
 */
import type { Actor } from "../access/actor";
import type { SessionActor } from "../domain/auth/unsafe-load-session-actor";
import { answerApiRequest } from "../http/api-route";

export function sessionSetupRoute(
  resolve: () => Promise<SessionActor | null>,
  handler: (request: Request, actor: Actor, gates: Omit<SessionActor, "actor">) => Promise<Response>,
) {
  return (request: Request): Promise<Response> =>
    answerApiRequest(request, resolve, ({ actor, ...gates }) => handler(request, actor, gates));
}
