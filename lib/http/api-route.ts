/**
 * Wraps an API v1 route handler: refuses cross-site cookie writes (403), resolves the
 * actor (401 without one), turns expected errors into problem+json, and marks every answer
 * uncacheable (it may carry PHI). Handlers stay thin: parse input with zod, call one domain
 * function, shape the result.
 */
import type { Actor } from "../access/actor";
import { getActor } from "../auth/get-actor";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { logger } from "../log/logger";
import { problemFromError, unauthenticated } from "./problem";
import { appOrigins, isForbiddenCrossOriginWrite } from "./same-origin";

type RouteContext<P> = { params: Promise<P> };

export function apiRoute<P = Record<string, never>>(
  handler: (request: Request, actor: Actor, params: P) => Promise<Response>,
) {
  return (request: Request, context: RouteContext<P>): Promise<Response> =>
    answerApiRequest(request, getActor, async (actor) => handler(request, actor, await context.params));
}

/**
 * The shell every API route shares — also the routes a gated session may still reach
 * (lib/auth/session-setup-route.ts), which only resolve their actor differently.
 */
export async function answerApiRequest<A>(request: Request, resolve: () => Promise<A | null>, handle: (actor: A) => Promise<Response>): Promise<Response> {
  try {
    // ⚠ SECURITY: before anything else, so a forged write never reaches the domain layer.
    if (isForbiddenCrossOriginWrite(request.method, request.headers, appOrigins(request.url, getEnv().AUTH_URL))) {
      logger.warn(
        { method: request.method, path: new URL(request.url).pathname, origin: request.headers.get("origin")?.slice(0, 200) ?? null },
        "cross-origin cookie write refused",
      );
      throw new AppError(
        "FORBIDDEN",
        "Writes with a session cookie must come from this app (Origin header). API clients authenticate with a bearer key.",
      );
    }
    const actor = await resolve();
    if (!actor) return unauthenticated();
    const response = await handle(actor);
    response.headers.set("cache-control", "no-store");
    return response;
  } catch (error) {
    return problemFromError(error);
  }
}
