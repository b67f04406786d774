/**
 * Break-the-glass (docs/emergency-access.md): request, and compliance's review. Request
 * bodies and query parameters come from the zod schemas the handlers parse with; the views
 * are written here, beside their routes, to keep in step with
 * lib/domain/emergency-access/schemas.ts.
 */
import { roles } from "../../../access/roles";
import { listEmergencyAccessesSchema, requestEmergencyAccessSchema, reviewEmergencyAccessSchema } from "../../../domain/emergency-access/schemas";
import { parameterRef, schemaRef } from "../components";
import { inputSchema, queryParameters } from "../from-zod";
import type { JsonSchema, Paths, Response } from "../types";
import { errors } from "./shared";

const id: JsonSchema = { type: "string", format: "uuid" };
const dateTime: JsonSchema = { type: "string", format: "date-time" };
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: "object", properties, required: Object.keys(properties) });
const person = object({ id, name: { type: "string" } });

/** `EmergencyAccessGrant` */
const grant = object({ id, threadId: id, expiresAt: { ...dateTime, description: "When the access ends; from then on the thread answers 404 again." } });

/** `EmergencyAccessReviewItem` */
const reviewItem = object({
  id,
  threadId: id,
  requester: object({ id, name: { type: "string" }, role: { type: "string", enum: [...roles] } }),
  member: person,
  reason: { type: "string", description: "The requester's own justification." },
  createdAt: dateTime,
  expiresAt: dateTime,
  reviewedAt: { type: ["string", "null"], format: "date-time" },
  reviewedBy: { anyOf: [person, { type: "null" }] },
  reviewNote: { type: ["string", "null"] },
});

const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });
const ok = (description: string, schema: JsonSchema): Response => ({ description, content: jsonContent(schema) });
const requestBody = (schema: JsonSchema) => ({ required: true, content: jsonContent(schema) });

const tooMany: Response = {
  description: "The caller has been granted 5 emergency accesses in the last hour; no more until the hour has passed.",
  content: { "application/problem+json": { schema: schemaRef("Problem") } },
};

export const emergencyPaths: Paths = {
  "/threads/{id}/emergency-access": {
    parameters: [parameterRef("Id")],
    post: {
      operationId: "requestEmergencyAccess",
      tags: ["threads"],
      summary: "Break the glass: open a thread outside the caller's teams for a short time (staff)",
      description:
        "Care guides, nurses and physicians only. Grants access for EMERGENCY_ACCESS_MINUTES (30 by default) with a typed reason; the grant is audited " +
        "and flagged for compliance review. GET /threads/{id} then reports `access: {via: \"emergency\", expiresAt}`. Idempotent: while the caller's own grant on the " +
        "thread runs, asking again answers 200 with that grant and spends nothing (one running grant per person and thread, enforced by the database). " +
        "409 when the caller already reaches the thread through a team or a collaboration; 404 for an unknown thread and for roles that may not ask.",
      requestBody: requestBody(inputSchema(requestEmergencyAccessSchema)),
      responses: { "201": ok("Granted.", grant), "200": ok("The caller's grant on this thread, still running.", grant), ...errors(400, 401, 403, 404, 409, 413, 422), "429": tooMany },
    },
  },
  "/emergency-accesses": {
    get: {
      operationId: "listEmergencyAccesses",
      tags: ["audit"],
      summary: "Emergency accesses to review (compliance), newest first",
      parameters: queryParameters(listEmergencyAccessesSchema),
      responses: {
        "200": ok("A page of emergency accesses.", object({ items: { type: "array", items: reviewItem }, nextCursor: { type: ["string", "null"] } })),
        ...errors(400, 401, 403, 422),
      },
    },
  },
  "/emergency-accesses/{id}/review": {
    parameters: [parameterRef("Id")],
    post: {
      operationId: "reviewEmergencyAccess",
      tags: ["audit"],
      summary: "Mark one emergency access reviewed, with an optional note (compliance)",
      description: "Send `{}` for no note. A second review answers 409. Other roles get 404.",
      requestBody: requestBody(inputSchema(reviewEmergencyAccessSchema)),
      responses: { "200": ok("Reviewed.", reviewItem), ...errors(400, 401, 403, 404, 409, 413, 422) },
    },
  },
};
