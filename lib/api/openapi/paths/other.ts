import { listAuditEventsSchema } from "../../../domain/audit/schemas";
import { parameterRef } from "../components";
import { queryParameters } from "../from-zod";
import type { Paths } from "../types";
import { errors, json } from "./shared";

export const otherPaths: Paths = {
  "/me": {
    get: {
      operationId: "getMe",
      tags: ["identity"],
      summary: "Who the caller is: identity, role and teams",
      responses: { "200": json("The caller.", "Me"), ...errors(401) },
    },
  },
  "/members/{id}/context": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getMemberContext",
      tags: ["members"],
      summary: "The member context panel (staff); only the fields the caller's role is granted",
      description: "Minimum necessary: a field not granted to the caller's role is absent (not null). `fields` lists the ones present.",
      responses: { "200": json("The member's context.", "MemberContext"), ...errors(401, 403, 404) },
    },
  },
  "/audit": {
    get: {
      operationId: "listAuditEvents",
      tags: ["audit"],
      summary: "The audit log, newest first (compliance)",
      parameters: queryParameters(listAuditEventsSchema),
      responses: { "200": json("Audit events.", "AuditList"), ...errors(401, 403, 422) },
    },
  },
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["meta"],
      summary: "This document",
      security: [],
      responses: { "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
};
