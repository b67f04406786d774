import { listQueueTicketsSchema } from "../../../domain/tickets/schemas";
import { parameterRef } from "../components";
import { queryParameters } from "../from-zod";
import type { Paths } from "../types";
import { errors, json, jsonBody } from "./shared";

export const ticketPaths: Paths = {
  "/tickets": {
    get: {
      operationId: "listQueueTickets",
      tags: ["tickets"],
      summary: "Tickets in the caller's queues (staff)",
      description:
        "`assignee` is `me`, `none` or a user id. Longest waiting first; `nextCursor` (pass it as `cursor`) leads to the next page until the last ticket. " +
        "`counts` gives the true size of each view under the same scope (without the `status`/`assignee` filters), the same on every page — never the page's length.",
      parameters: queryParameters(listQueueTicketsSchema),
      responses: { "200": json("A page of queue items.", "QueueList"), ...errors(400, 401, 403, 422) },
    },
  },
  "/tickets/{id}": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getTicket",
      tags: ["tickets"],
      summary: "One ticket with its events (staff)",
      responses: { "200": json("The ticket.", "TicketDetail"), ...errors(401, 403, 404) },
    },
    patch: {
      operationId: "updateTicket",
      tags: ["tickets"],
      summary: "Change status, assignee, priority or case type (staff)",
      requestBody: jsonBody("UpdateTicketRequest"),
      responses: { "200": json("The ticket after the change.", "TicketDetail"), ...errors(400, 401, 403, 404, 409, 413, 422) },
    },
  },
};
