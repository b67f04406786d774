/**
 * Administration (admins only): teams, people, members' concierge teams, API clients.
 * Request bodies and query parameters come from the zod schemas the handlers parse with;
 * the answers are described here, inline, from the view types named in each comment.
 * ⚠ None of these answers holds a message, a subject or a health tag (minimum necessary).
 */
import { accountRoles, assignMemberTeamSchema, changeUserRoleSchema, createApiClientSchema, createStaffUserSchema, listPeopleSchema } from "../../../domain/admin/schemas";
import { roles } from "../../../access/roles";
import { createTeamSchema, listAdminTeamsSchema, teamKinds, updateTeamSchema } from "../../../domain/teams/schemas";
import { parameterRef } from "../components";
import { inputSchema, queryParameters } from "../from-zod";
import type { JsonSchema, Operation, Parameter, PathItem, Response } from "../types";
import { errors } from "./shared";

const id: JsonSchema = { type: "string", format: "uuid" };
const dateTime: JsonSchema = { type: "string", format: "date-time" };
const nullableDateTime: JsonSchema = { type: ["string", "null"], format: "date-time" };
const count: JsonSchema = { type: "integer", minimum: 0 };
const nullableCount: JsonSchema = { type: ["integer", "null"], minimum: 0 };
const status: JsonSchema = { type: "string", enum: ["ACTIVE", "DISABLED"] };
const role: JsonSchema = { type: "string", enum: [...roles] };

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", properties, required: Object.keys(properties) };
}
const list = (item: JsonSchema): JsonSchema => object({ items: { type: "array", items: item }, nextCursor: { type: ["string", "null"] } });
const body = (schema: JsonSchema, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});
const answer = (description: string, schema: JsonSchema): Response => ({ description, content: { "application/json": { schema } } });

/** lib/domain/teams/schemas.ts `AdminTeamView` */
const team = object({
  id,
  name: { type: "string" },
  kind: { type: "string", enum: [...teamKinds] },
  timeZone: { type: "string", description: "IANA time zone, e.g. America/New_York." },
  hours: { type: "array", items: object({ day: { type: "integer", minimum: 1, maximum: 7, description: "1 = Monday … 7 = Sunday" }, start: { type: "string" }, end: { type: "string" } }) },
  archivedAt: nullableDateTime,
  createdAt: dateTime,
  staffCount: count,
  nurseCount: count,
  memberCount: count,
  openTickets: { ...count, description: "Tickets of the team that are not CLOSED." },
});
/** `AdminTeamDetail` */
const teamDetail: JsonSchema = {
  allOf: [team, object({ staff: { type: "array", items: object({ id, name: { type: "string" }, email: { type: "string" }, role, status, serviceUser: { type: "boolean" } }) } })],
};
const personTeam = object({ id, name: { type: "string" }, kind: { type: "string", enum: [...teamKinds] }, archived: { type: "boolean" } });
/** lib/domain/admin/schemas.ts `PersonView` */
const person = object({
  id,
  name: { type: "string" },
  email: { type: "string" },
  role,
  status,
  teams: { type: "array", items: personTeam, description: "Staff: the teams they work in. Members: their concierge team (none while in triage)." },
  serviceUser: { type: "boolean", description: "The account of an API client; it cannot sign in with a password." },
  lastSignInAt: nullableDateTime,
  createdAt: dateTime,
  mfaEnabled: { type: "boolean", description: "Two-step sign-in is on." },
  passwordChangeRequired: { type: "boolean", description: "Still has the one-time password an admin handed over; must change it at sign-in." },
});
/** `PersonDetail` */
const personDetail: JsonSchema = {
  allOf: [
    person,
    object({
      openConversations: { ...nullableCount, description: "Members: conversations with an active ticket that move with a change of concierge team." },
      assignedOpenTickets: { ...nullableCount, description: "Staff: tickets not closed assigned to them." },
      apiClients: { type: "array", items: object({ id, name: { type: "string" }, keyPrefix: { type: "string" }, revokedAt: nullableDateTime }) },
    }),
  ],
};
const withPassword = (description: string) =>
  object({ user: personDetail, oneTimePassword: { type: "string", description } });
/** `ApiClientView` */
const apiClient = object({
  id,
  name: { type: "string" },
  keyPrefix: { type: "string", description: "`cnc_<prefix>`: recognises a key, cannot authenticate." },
  serviceUser: object({ id, name: { type: "string" }, role, status, teams: { type: "array", items: personTeam } }),
  createdAt: dateTime,
  createdBy: { anyOf: [object({ id, name: { type: "string" } }), { type: "null" }] },
  lastUsedAt: nullableDateTime,
  revokedAt: nullableDateTime,
});

const teamId: Parameter = { name: "teamId", in: "path", required: true, description: "A team's UUID. Anything else answers 404.", schema: id };
const tags = ["admin"];

function action(operationId: string, summary: string, description: string, result: Response, statuses: Parameters<typeof errors> = [401, 403, 404, 409]): Operation {
  return { operationId, tags, summary, description, responses: { "200": result, ...errors(...statuses) } };
}

export const adminPaths = {
  "/admin/teams": {
    get: {
      operationId: "listAdminTeams",
      tags,
      summary: "Teams with settings and counts (admins)",
      parameters: queryParameters(listAdminTeamsSchema),
      responses: { "200": answer("Teams, active first.", list(team)), ...errors(401, 403, 422) },
    },
    post: {
      operationId: "createTeam",
      tags,
      summary: "Create a team and its queue (admins)",
      requestBody: body(inputSchema(createTeamSchema), "Names are unique without regard to case; the time zone must be a valid IANA zone."),
      responses: { "201": answer("The new team.", team), ...errors(400, 401, 403, 409, 413, 422) },
    },
  },
  "/admin/teams/{id}": {
    parameters: [parameterRef("Id")],
    get: { operationId: "getAdminTeam", tags, summary: "One team with its staff (admins)", responses: { "200": answer("The team.", teamDetail), ...errors(401, 404) } },
    patch: {
      operationId: "updateTeam",
      tags,
      summary: "Change name, kind, time zone or working hours (admins)",
      description: "A concierge team that members belong to cannot change its kind (409).",
      requestBody: body({ ...inputSchema(updateTeamSchema), minProperties: 1, description: "Change at least one field." }),
      responses: { "200": answer("The team after the change.", team), ...errors(400, 401, 404, 409, 413, 422) },
    },
  },
  "/admin/teams/{id}/archive": {
    parameters: [parameterRef("Id")],
    post: action("archiveTeam", "Archive a team (admins)", "Refused (409) while members have it as their concierge team or any of its tickets is not CLOSED.", answer("The archived team.", team)),
  },
  "/admin/teams/{id}/restore": {
    parameters: [parameterRef("Id")],
    post: action("restoreTeam", "Bring an archived team back (admins)", "A no-op on an active team.", answer("The team.", team), [401, 404]),
  },
  "/admin/users": {
    get: {
      operationId: "listPeople",
      tags,
      summary: "Staff and members by name, a page at a time (admins)",
      description: "`q` matches part of a name or email. `type=staff` is everyone who is not a member.",
      parameters: queryParameters(listPeopleSchema),
      responses: { "200": answer("A page of people.", list(person)), ...errors(400, 401, 403, 422) },
    },
    post: {
      operationId: "createStaffUser",
      tags,
      summary: "Create a staff, admin or compliance account (admins)",
      description: `Roles: ${accountRoles.join(", ")}. Members are not created here (they come with their plan enrollment).`,
      requestBody: body(inputSchema(createStaffUserSchema)),
      responses: { "201": answer("The account and its one-time password.", withPassword("Shown in this answer only; only its hash is stored.")), ...errors(400, 401, 403, 409, 413, 422) },
    },
  },
  "/admin/users/{id}": {
    parameters: [parameterRef("Id")],
    get: { operationId: "getPerson", tags, summary: "One person (admins)", responses: { "200": answer("The person.", personDetail), ...errors(401, 404) } },
    patch: {
      operationId: "changeUserRole",
      tags,
      summary: "Change a staff, admin or compliance account's role (admins)",
      description:
        "Never between MEMBER and another role (422): a member's account holds their own health record. Ends the person's sessions. " +
        "Becoming ADMIN or COMPLIANCE leaves every team and releases active tickets. An admin cannot change their own role (409).",
      requestBody: body(inputSchema(changeUserRoleSchema)),
      responses: { "200": answer("The person after the change.", personDetail), ...errors(400, 401, 404, 409, 413, 422) },
    },
  },
  "/admin/users/{id}/deactivate": {
    parameters: [parameterRef("Id")],
    post: action(
      "deactivateUser",
      "Deactivate an account and end its sessions at once (admins)",
      "Open sessions and API keys of the account stop working at their next request. Its active tickets are released. Not one's own account (409).",
      answer("The person.", personDetail),
    ),
  },
  "/admin/users/{id}/reactivate": {
    parameters: [parameterRef("Id")],
    post: action("reactivateUser", "Reactivate an account (admins)", "Sessions from before the deactivation stay ended.", answer("The person.", personDetail), [401, 404]),
  },
  "/admin/users/{id}/reset-password": {
    parameters: [parameterRef("Id")],
    post: action(
      "resetUserPassword",
      "Give a staff account a new one-time password (admins)",
      "Ends the account's sessions; the person must change it at their next sign-in. Not for members, API service users or one's own account (409).",
      answer("The person and the new one-time password (shown once).", withPassword("Shown in this answer only.")),
    ),
  },
  "/admin/users/{id}/mfa/reset": {
    parameters: [parameterRef("Id")],
    post: action(
      "resetUserTwoStep",
      "Reset a lost second factor (admins)",
      "Deletes the account's authenticator secret and recovery codes and ends its sessions; at the next sign-in the person can do nothing but set up " +
        "two-step sign-in again. Audited as `user.mfa_reset`. 409 when it is not on, for members, API service users and one's own account.",
      answer("The person.", personDetail),
    ),
  },
  "/admin/users/{id}/teams/{teamId}": {
    parameters: [parameterRef("Id"), teamId],
    put: action("addTeamMembership", "Put a care guide, nurse or physician in a team (admins)", "Idempotent.", answer("The person.", personDetail)),
    delete: action("removeTeamMembership", "Take a person out of a team (admins)", "Idempotent. Their active tickets of that team are released.", answer("The person.", personDetail), [401, 404]),
  },
  "/admin/members/{id}/team": {
    parameters: [parameterRef("Id")],
    put: {
      operationId: "assignMemberTeam",
      tags,
      summary: "Give a member a concierge team (admins)",
      description:
        "The member's conversations of the old concierge team (or triage) that have an active ticket move with them, the tickets to the new team's queue, unassigned, " +
        "with QUEUE_CHANGED ticket events. Closed conversations and other teams' channels stay.",
      requestBody: body(inputSchema(assignMemberTeamSchema)),
      responses: {
        "200": answer("What moved (counts).", object({ memberId: id, fromTeamId: { type: ["string", "null"], format: "uuid" }, toTeamId: id, movedThreads: count, movedTickets: count })),
        ...errors(400, 401, 404, 409, 413, 422),
      },
    },
  },
  "/admin/api-clients": {
    get: { operationId: "listApiClients", tags, summary: "API clients, active first (admins)", responses: { "200": answer("API clients.", list(apiClient)), ...errors(401, 403) } },
    post: {
      operationId: "createApiClient",
      tags,
      summary: "Issue an API client with its own service user (admins)",
      requestBody: body(inputSchema(createApiClientSchema)),
      responses: {
        "201": answer("The client and its key.", object({ client: apiClient, key: { type: "string", description: "`cnc_<prefix>_<secret>`. Shown in this answer only; only its SHA-256 is stored." } })),
        ...errors(400, 401, 403, 413, 422),
      },
    },
  },
  "/admin/api-clients/{id}/revoke": {
    parameters: [parameterRef("Id")],
    post: action("revokeApiClient", "Revoke an API client at once (admins)", "Its key is refused from the next request; its service user is disabled. Idempotent.", answer("The client.", apiClient), [401, 404]),
  },
} satisfies Record<string, PathItem>;
