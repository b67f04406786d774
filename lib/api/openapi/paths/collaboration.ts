/**
 * Collaboration by @mention (docs/collaboration.md): who may be mentioned on a thread, its
 * collaborators and their removal, and the caller's mentions. Query parameters come from
 * the zod schemas the handlers parse with; the views are written here, beside their
 * routes, to keep in step with lib/domain/collaborators/schemas.ts. (The mention itself
 * is `mentions` on POST /threads/{id}/messages, generated from sendMessageSchema.)
 */
import { roles } from "../../../access/roles";
import { listMentionableSchema, listMentionsSchema } from "../../../domain/collaborators/schemas";
import { ticketStatuses } from "../../../domain/tickets/schemas";
import { parameterRef } from "../components";
import { queryParameters } from "../from-zod";
import type { JsonSchema, Paths, Response } from "../types";
import { errors } from "./shared";

const id: JsonSchema = { type: "string", format: "uuid" };
const dateTime: JsonSchema = { type: "string", format: "date-time" };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: "object", properties, required: Object.keys(properties) });
const named = object({ id, name: { type: "string" } });
const staff = object({ id, name: { type: "string" }, role: { type: "string", enum: [...roles] } });

/** `MentionableUser` */
const mentionable = object({ id, name: { type: "string" }, role: { type: "string", enum: [...roles] }, team: named });

/** `CollaboratorView` */
const collaborator = object({
  id: { ...id, description: "The collaboration's id." },
  user: staff,
  addedBy: staff,
  reason: { type: "string", description: "Why they were brought in, e.g. \"Mentioned in an internal note by a care guide\". Never message text." },
  since: dateTime,
});

/** `MentionItem` */
const mention = object({
  threadId: id,
  subject: { type: ["string", "null"] },
  member: named,
  team: { anyOf: [named, { type: "null" }] },
  ticket: { anyOf: [object({ id, status: { type: "string", enum: [...ticketStatuses] } }), { type: "null" }] },
  mentionedAt: { ...dateTime, description: "The newest mention of the caller on this thread." },
  mentionCount: { type: "integer", minimum: 1 },
});

const list = (items: JsonSchema, cursor: JsonSchema = { type: ["string", "null"] }, extra: Record<string, JsonSchema> = {}) =>
  object({ items: { type: "array", items }, nextCursor: cursor, ...extra });
const ok = (description: string, schema: JsonSchema): Response => ({ description, content: { "application/json": { schema } } });

export const collaborationPaths: Paths = {
  "/threads/{id}/mentionable": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "listMentionable",
      tags: ["collaboration"],
      summary: "Staff the caller may @mention on this thread (staff)",
      description:
        "Active care guides, nurses and physicians other than the caller: colleagues in the caller's teams, staff of the thread's team, and " +
        "nurses and physicians of the teams that serve the member. Name, role and team only — nothing about the member. One page, by name; `q` " +
        "matches any part of the name. 404 for a thread the caller cannot open and for roles that may not mention.",
      parameters: queryParameters(listMentionableSchema),
      responses: { "200": ok("People who may be mentioned.", list(mentionable, { type: "null" })), ...errors(401, 404, 422) },
    },
  },
  "/threads/{id}/collaborators": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "listCollaborators",
      tags: ["collaboration"],
      summary: "Active collaborators of the thread (staff)",
      description: "Each person once, oldest first. `canRemove` says whether the caller may remove them (staff of the thread's owning team).",
      responses: {
        "200": ok("The collaborators.", list(collaborator, { type: "null" }, { canRemove: { type: "boolean" } })),
        ...errors(401, 404),
      },
    },
  },
  "/threads/{id}/collaborators/{userId}": {
    parameters: [
      parameterRef("Id"),
      { name: "userId", in: "path", required: true, description: "The collaborator's user id.", schema: { type: "string", format: "uuid" } },
    ],
    delete: {
      operationId: "removeCollaborator",
      tags: ["collaboration"],
      summary: "End a person's collaboration on the thread (staff of the owning team)",
      description:
        "Their access ends at once: the thread, its messages and ticket answer 404 to them from then on. Audited. 403 for staff who can open the " +
        "thread but are not on its owning team; 404 when the person is not an active collaborator or the thread is out of the caller's scope.",
      responses: { "204": { description: "Removed." }, ...errors(401, 403, 404) },
    },
  },
  "/mentions": {
    get: {
      operationId: "listMentions",
      tags: ["collaboration"],
      summary: "Threads the caller was @mentioned in and can still open, newest mention first",
      parameters: queryParameters(listMentionsSchema),
      responses: { "200": ok("A page of mentioned threads.", list(mention)), ...errors(400, 401, 403, 422) },
    },
  },
};
