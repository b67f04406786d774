/**
 * The API route wrapper of the routes a gated session may still reach —
 * /api/v1/me/mfa/** (two-step set-up) and POST /api/v1/me/password (one-time password) —
 * lib/http/api-route.ts's apiRoute() with one difference: the actor comes from the given
 * resolver, which lets such a session through. Everything else is the same: cross-site
 * cookie writes refused first (403), 401 without an actor, problem+json errors,
 * `Cache-Control: no-store`.
 */
import type { Actor } from "../access/actor";
import type { SessionActor } from "../domain/auth/unsafe-load-session-actor";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { logger } from "../log/logger";
import { problemFromError, unauthenticated } from "../http/problem";
import { appOrigins, isForbiddenCrossOriginWrite } from "../http/same-origin";

export function sessionSetupRoute(
  resolve: () => Promise<SessionActor | null>,
  handler: (request: Request, actor: Actor, gates: Omit<SessionActor, "actor">) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      if (isForbiddenCrossOriginWrite(request.method, request.headers, appOrigins(request.url, getEnv().AUTH_URL))) {
        logger.warn({ method: request.method, path: new URL(request.url).pathname }, "cross-origin cookie write refused");
        throw new AppError(
          "FORBIDDEN",
          "Writes with a session cookie must come from this app (Origin header). API clients authenticate with a bearer key.",
        );
      }
      const resolved = await resolve();
      if (!resolved) return unauthenticated();
      const { actor, ...gates } = resolved;
      const response = await handler(request, actor, gates);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return problemFromError(error);
    }
  };
}
