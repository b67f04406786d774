/**
 * Wraps an API v1 route handler: resolves the actor (401 without one), turns expected
 * errors into problem+json, and marks every answer uncacheable (it may carry PHI).
 * Handlers stay thin: parse input with zod, call one domain function, shape the result.
 */
import type { Actor } from "../access/actor";
import { getActor } from "../auth/get-actor";
import { problemFromError, unauthenticated } from "./problem";

type RouteContext<P> = { params: Promise<P> };

export function apiRoute<P = Record<string, never>>(
  handler: (request: Request, actor: Actor, params: P) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) return unauthenticated();
      const response = await handler(request, actor, await context.params);
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return problemFromError(error);
    }
  };
}
