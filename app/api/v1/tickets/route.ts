import { apiRoute } from "@/lib/http/api-route";
import { queryParams } from "@/lib/http/query";
import { listQueueTickets } from "@/lib/domain/tickets/list-queue-tickets";
import { listQueueTicketsSchema } from "@/lib/domain/tickets/schemas";

/** Tickets in the actor's queues: `{items, nextCursor, counts}`. */
export const GET = apiRoute(async (request, actor) => {
  const input = listQueueTicketsSchema.parse(queryParams(request));
  return Response.json(await listQueueTickets(actor, input));
});
