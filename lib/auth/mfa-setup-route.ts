/**
 * The API route wrapper of /api/v1/me/mfa/** — lib/http/api-route.ts's apiRoute() with one
 * difference: the actor comes from getActorForMfaSetup(), so a staff session that must set
 * up two-step sign-in first (REQUIRE_STAFF_MFA) can reach these routes and no others.
 * Everything else is the same: cross-site cookie writes refused first (403), 401 without
 * an actor, problem+json errors, `Cache-Control: no-store`.
 */
import type { Actor } from "../access/actor";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { logger } from "../log/logger";
import { problemFromError, unauthenticated } from "../http/problem";
import { appOrigins, isForbiddenCrossOriginWrite } from "../http/same-origin";
import { getActorForMfaSetup } from "./get-actor";

export function mfaSetupRoute(handler: (request: Request, actor: Actor, mfaSetupRequired: boolean) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      if (isForbiddenCrossOriginWrite(request.method, request.headers, appOrigins(request.url, getEnv().AUTH_URL))) {
        logger.warn({ method: request.method, path: new URL(request.url).pathname }, "cross-origin cookie write refused");
        throw new AppError(
          "FORBIDDEN",
          "Writes with a session cookie must come from this app (Origin header). API clients authenticate with a bearer key.",
        );
      }
      const resolved = await getActorForMfaSetup();
      if (!resolved) return unauthenticated();
      const response = await handler(request, resolved.actor, resolved.mfaSetupRequired);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return problemFromError(error);
    }
  };
}
