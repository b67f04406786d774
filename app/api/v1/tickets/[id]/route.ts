import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { getTicket } from "@/lib/domain/tickets/get-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { updateTicketSchema } from "@/lib/domain/tickets/schemas";

// Path ids go to the domain as they are: a malformed id is NOT_FOUND there, audited as a
// denied attempt like any id out of scope.

export const GET = apiRoute<{ id: string }>(async (_request, actor, { id }) => Response.json(await getTicket(actor, id)));

export const PATCH = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = updateTicketSchema.parse(await readJsonBody(request));
  return Response.json(await updateTicket(actor, id, input));
});
