/**
 * GET /api/v1/events — Server-Sent Events (docs/realtime.md). The session cookie or a
 * bearer key, like every API route; `Last-Event-ID` (or `?lastEventId=`) replays what was
 * missed, filtered by the receiver's permissions as they are NOW.
 *
 * Not wrapped in apiRoute: that marks answers `no-store` after the handler, while a stream
 * also needs `no-transform` (Next's gzip would otherwise buffer it) — set here.
 */
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/get-actor";
import { originFromHeaders } from "@/lib/auth/request-origin";
import { isStaffRole } from "@/lib/access/roles";
import { AppError } from "@/lib/errors";
import { problemFromError, unauthenticated } from "@/lib/http/problem";
import { openEventStream, parseLastEventId } from "@/lib/realtime/sse";
import { streamRecheck } from "@/lib/realtime/stream-recheck";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return unauthenticated();
    // Admins and compliance read no conversations: nothing would ever reach them.
    if (actor.role !== "MEMBER" && !isStaffRole(actor.role)) throw new AppError("FORBIDDEN", "This account has no event stream.");
    const h = await headers();
    const recheck = await streamRecheck(h, actor, originFromHeaders(h));
    const url = new URL(request.url);
    const body = await openEventStream({
      actor,
      recheck,
      lastEventId: parseLastEventId(request.headers.get("last-event-id"), url.searchParams.get("lastEventId")),
      signal: request.signal,
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    return problemFromError(error);
  }
}
