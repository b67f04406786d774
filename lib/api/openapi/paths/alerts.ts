/**
 * Alerts (docs/notifications.md) and response targets (docs/sla.md). Request bodies and
 * query parameters come from the zod schemas the handlers parse with; the answers are
 * described here from the view types named in each comment. ⚠ None of these answers holds a
 * name, a subject or message text: notifications are a type and ids.
 */
import { listNotificationsSchema, markAllNotificationsReadSchema, notificationTypes, updateNotificationPreferencesSchema } from "../../../domain/notifications/schemas";
import { updateTeamSlaSchema } from "../../../domain/sla/schemas";
import { ticketPriorities } from "../../../domain/tickets/schemas";
import { parameterRef } from "../components";
import { inputSchema, queryParameters } from "../from-zod";
import type { JsonSchema, Paths, Response } from "../types";
import { errors } from "./shared";

const id: JsonSchema = { type: "string", format: "uuid" };
const nullableId: JsonSchema = { type: ["string", "null"], format: "uuid" };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: "object", properties, required: Object.keys(properties) });
const ok = (description: string, schema: JsonSchema): Response => ({ description, content: { "application/json": { schema } } });
const body = (schema: JsonSchema, required = true) => ({ required, content: { "application/json": { schema } } });

/** lib/domain/notifications/schemas.ts `NotificationView` */
const notification = object({
  id,
  type: { type: "string", enum: [...notificationTypes] },
  threadId: nullableId,
  ticketId: nullableId,
  href: { type: ["string", "null"], description: "The thread in the caller's face, e.g. /console/threads/{id}." },
  read: { type: "boolean" },
  createdAt: { type: "string", format: "date-time" },
});
/** `NotificationPreferences` */
const preferences = object({ emailEnabled: { type: "boolean" }, soundEnabled: { type: "boolean" }, desktopEnabled: { type: "boolean" } });
const workingDay = object({ day: { type: "integer", minimum: 1, maximum: 7, description: "1 = Monday … 7 = Sunday" }, start: { type: "string" }, end: { type: "string" } });
/** lib/domain/sla/schemas.ts `TeamSlaView` */
const teamSla = object({
  teamId: id,
  teamName: { type: "string" },
  timeZone: { type: "string" },
  hours: { type: "array", items: workingDay },
  policies: {
    type: "array",
    items: object({ priority: { type: "string", enum: [...ticketPriorities] }, firstResponseMinutes: { type: "integer" }, nextResponseMinutes: { type: "integer" } }),
  },
});

const tags = ["notifications"];

export const alertPaths: Paths = {
  "/notifications": {
    get: {
      operationId: "listNotifications",
      tags,
      summary: "The caller's notifications, newest first, with the unread count",
      description: "New ticket for my team, member reply on my ticket, mention, assignment, response target missed. Only those about threads the caller can still open.",
      parameters: queryParameters(listNotificationsSchema),
      responses: {
        "200": ok("A page of notifications.", object({ items: { type: "array", items: notification }, nextCursor: { type: ["string", "null"] }, unreadCount: { type: "integer", minimum: 0 } })),
        ...errors(400, 401, 403, 422),
      },
    },
  },
  "/notifications/{id}/read": {
    parameters: [parameterRef("Id")],
    post: {
      operationId: "markNotificationRead",
      tags,
      summary: "Mark one of the caller's notifications read",
      responses: { "200": ok("Marked.", object({ id, read: { type: "boolean", const: true } })), ...errors(401, 404) },
    },
  },
  "/notifications/read-all": {
    post: {
      operationId: "markAllNotificationsRead",
      tags,
      summary: "Mark all the caller's notifications read, or (with threadId) those about one thread",
      requestBody: body(inputSchema(markAllNotificationsReadSchema), false),
      responses: { "200": ok("How many were marked.", object({ updated: { type: "integer", minimum: 0 } })), ...errors(400, 401, 403, 413, 422) },
    },
  },
  "/notifications/preferences": {
    get: { operationId: "getNotificationPreferences", tags, summary: "The caller's alert settings", responses: { "200": ok("Settings.", preferences), ...errors(401, 403) } },
    put: {
      operationId: "updateNotificationPreferences",
      tags,
      summary: "Change the caller's alert settings (email, sound, desktop)",
      requestBody: body({ ...inputSchema(updateNotificationPreferencesSchema), minProperties: 1 }),
      responses: { "200": ok("Settings after the change.", preferences), ...errors(400, 401, 403, 413, 422) },
    },
  },
  "/admin/teams/{id}/sla": {
    parameters: [parameterRef("Id")],
    get: { operationId: "getTeamSla", tags: ["admin"], summary: "A team's response targets and working hours (admins)", responses: { "200": ok("Targets.", teamSla), ...errors(401, 404) } },
    put: {
      operationId: "updateTeamSla",
      tags: ["admin"],
      summary: "Replace a team's response targets (admins)",
      description: "First-response and next-response minutes per priority, counted in the team's working hours; a priority left out has no target.",
      requestBody: body(inputSchema(updateTeamSlaSchema)),
      responses: { "200": ok("Targets after the change.", teamSla), ...errors(400, 401, 404, 413, 422) },
    },
  },
};
