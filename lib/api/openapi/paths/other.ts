import { exportAuditEventsSchema, listAuditEventsSchema, listMyAccessLogSchema } from "../../../domain/audit/schemas";
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
  "/audit/export.csv": {
    get: {
      operationId: "exportAuditEvents",
      tags: ["audit"],
      summary: "The audit log as CSV, same filters as /audit (compliance; at most 50,000 rows, `X-Export-Truncated: true` when more matched). Audited.",
      // The export's own schema: no limit or cursor (the route refuses them as unknown).
      parameters: queryParameters(exportAuditEventsSchema),
      responses: { "200": { description: "CSV, one row per audit event; cells that a spreadsheet would run as formulas are prefixed with '.", content: { "text/csv": { schema: { type: "string" } } } }, ...errors(401, 403, 422) },
    },
  },
  "/audit/verify": {
    get: {
      operationId: "verifyAuditChain",
      tags: ["audit"],
      summary: "Verifies the audit hash chain and reports the first broken link (compliance, admins). Audited.",
      responses: {
        "200": {
          description: "`ok`, counts of sealed, unkeyed (sealed before keyed sealing), unsealed and staleUnsealed (unsealed far too long) rows, `firstBroken` ({seq, auditId, problem}: gap, missing_row, prev_mismatch, unkeyed_seal, hash_mismatch, anchor_mismatch, truncated, anchor_invalid, anchors_missing, stale_unsealed) or null, the chain's head, and the anchors kept outside the database ({store, count, latestSeq}).",
          content: { "application/json": { schema: { type: "object", required: ["ok", "sealed", "unkeyed", "unsealed", "firstBroken", "anchors"], properties: { ok: { type: "boolean" }, sealed: { type: "integer" }, unkeyed: { type: "integer" }, unsealed: { type: "integer" }, firstBroken: { type: ["object", "null"] }, head: { type: ["object", "null"] }, anchors: { type: "object" } } } } },
        },
        ...errors(401, 403),
      },
    },
  },
  "/me/access-log": {
    get: {
      operationId: "listMyAccessLog",
      tags: ["audit"],
      summary: "Members: who on staff opened their conversations (name, role, what, when), grouped per person, kind, conversation and hour",
      parameters: queryParameters(listMyAccessLogSchema),
      responses: {
        "200": {
          description: "The member's access report.",
          content: { "application/json": { schema: { type: "object", required: ["items", "nextCursor"], properties: { items: { type: "array", items: { type: "object" } }, nextCursor: { type: ["string", "null"] } } } } },
        },
        ...errors(400, 401, 403, 422),
      },
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
