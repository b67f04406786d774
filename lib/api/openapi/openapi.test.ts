import { describe, expect, it } from "vitest";
import { z } from "zod";
import { attachmentStatuses, type AttachmentView } from "../../domain/attachments/schemas";
import { sendMessageSchema } from "../../domain/messages/schemas";
import { createThreadSchema } from "../../domain/threads/schemas";
import { listQueueTicketsSchema } from "../../domain/tickets/schemas";
import { buildOpenApiDocument } from "./document";

type Json = { [key: string]: unknown };
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as Json & {
  paths: Record<string, Record<string, Json>>;
  components: Record<string, Record<string, Json>>;
};

function resolvePointer(ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

function deref<T = Json>(node: unknown): T {
  let current = node as Json;
  while (current && typeof current.$ref === "string") current = resolvePointer(current.$ref) as Json;
  return current as T;
}

function operations() {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as Json, item })),
  );
}

function requestSchema(
  path: string,
  method: string,
  mediaType = "application/json",
): Json & { properties: Record<string, Json>; required: string[] } {
  const op = doc.paths[path]![method] as { requestBody: { content: Record<string, { schema: unknown }> } };
  return deref(op.requestBody.content[mediaType]!.schema);
}

/** Everything zod's JSON Schema says is in the document's schema, with no property added or lost. */
function expectDerivedFrom(schema: Json & { properties: Record<string, Json> }, zodSchema: z.ZodType) {
  const { $schema: _dialect, ...fromZod } = z.toJSONSchema(zodSchema, { io: "input" }) as Json & { properties: Record<string, Json> };
  expect(schema).toMatchObject(fromZod);
  expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(fromZod.properties).sort());
}

/** The keys of AttachmentView; the compiler fails when one is added or removed. */
const attachmentViewKeys = Object.keys({
  id: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  status: true,
  documentType: true,
  statusMessage: true,
  width: true,
  height: true,
  threadId: true,
  messageId: true,
  createdAt: true,
  contentUrl: true,
  thumbnailUrl: true,
} satisfies Record<keyof AttachmentView, true>);

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with info, security schemes and the problem shape", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes!)).toEqual(expect.arrayContaining(["sessionCookie", "bearerKey"]));
    expect(doc.components.securitySchemes!.bearerKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes!.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.components.schemas!.Problem).toMatchObject({ required: ["type", "title", "status", "detail"] });
  });

  it("covers every API v1 route with operations", () => {
    const expected = {
      "/me": ["get"],
      "/threads": ["get", "post"],
      "/threads/{id}": ["get"],
      "/threads/{id}/messages": ["get", "post"],
      "/tickets": ["get"],
      "/tickets/{id}": ["get", "patch"],
      "/attachments": ["post"],
      "/attachments/{id}": ["get"],
      "/attachments/{id}/content": ["get"],
      "/attachments/{id}/thumbnail": ["get"],
      "/members/{id}/context": ["get"],
      "/members/{id}/documents": ["get"],
      "/audit": ["get"],
      "/audit/export.csv": ["get"],
      "/audit/verify": ["get"],
      "/me/access-log": ["get"],
      "/events": ["get"],
      "/threads/{id}/typing": ["post"],
      "/threads/{id}/read": ["get"],
      "/me/mfa": ["get"],
      "/me/mfa/enrolment": ["post"],
      "/me/mfa/enrolment/confirm": ["post"],
      "/me/mfa/disable": ["post"],
      "/me/mfa/recovery-codes": ["post"],
      "/threads/{id}/mentionable": ["get"],
      "/threads/{id}/collaborators": ["get"],
      "/threads/{id}/collaborators/{userId}": ["delete"],
      "/mentions": ["get"],
      "/threads/{id}/emergency-access": ["post"],
      "/emergency-accesses": ["get"],
      "/emergency-accesses/{id}/review": ["post"],
      "/openapi.json": ["get"],
      "/admin/teams": ["get", "post"],
      "/admin/teams/{id}": ["get", "patch"],
      "/admin/teams/{id}/archive": ["post"],
      "/admin/teams/{id}/restore": ["post"],
      "/admin/users": ["get", "post"],
      "/admin/users/{id}": ["get", "patch"],
      "/admin/users/{id}/deactivate": ["post"],
      "/admin/users/{id}/reactivate": ["post"],
      "/admin/users/{id}/reset-password": ["post"],
      "/admin/users/{id}/teams/{teamId}": ["put", "delete"],
      "/admin/members/{id}/team": ["put"],
      "/admin/api-clients": ["get", "post"],
      "/admin/api-clients/{id}/revoke": ["post"],
    };
    for (const [path, ms] of Object.entries(expected)) {
      expect(doc.paths[path], path).toBeDefined();
      expect(methods.filter((m) => doc.paths[path]![m])).toEqual(expect.arrayContaining(ms));
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(methods.some((m) => item[m]), `${path} has no operation`).toBe(true);
    }
  });

  it("gives each operation a unique id, responses, and declares its path parameters", () => {
    const ids = new Set<string>();
    for (const { path, method, op, item } of operations()) {
      const label = `${method.toUpperCase()} ${path}`;
      expect(typeof op.operationId, label).toBe("string");
      expect(ids.has(op.operationId as string), `duplicate operationId ${String(op.operationId)}`).toBe(false);
      ids.add(op.operationId as string);
      const responses = op.responses as Record<string, unknown>;
      expect(Object.keys(responses).some((s) => /^2\d\d$/.test(s)), label).toBe(true);

      const declared = [...((item.parameters as unknown as unknown[]) ?? []), ...((op.parameters as unknown as unknown[]) ?? [])]
        .map((p) => deref<{ name: string; in: string; required?: boolean }>(p))
        .filter((p) => p.in === "path");
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(declared.map((p) => p.name).sort(), label).toEqual(templated.sort());
      expect(declared.every((p) => p.required === true), label).toBe(true);
    }
  });

  it("resolves every $ref", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolvePointer(ref), ref).toBeDefined();
  });

  it("requires authentication everywhere except the document itself", () => {
    expect(doc.security).toEqual([{ sessionCookie: [] }, { bearerKey: [] }]);
    for (const { path, op } of operations()) {
      if (path === "/openapi.json") expect(op.security).toEqual([]);
      else expect(op.security).toBeUndefined();
    }
  });

  it("derives request bodies from the zod schemas the handlers parse with", () => {
    const send = requestSchema("/threads/{id}/messages", "post");
    expect(send.required).toContain("clientMessageId");
    expect(send.required).not.toContain("visibility");
    expect(send.properties.visibility).toMatchObject({ enum: ["member", "internal"], default: "member" });
    expect(send.additionalProperties).toBe(false);
    expectDerivedFrom(send, sendMessageSchema);

    const create = requestSchema("/threads", "post");
    expectDerivedFrom(create, createThreadSchema);
    expect(create.additionalProperties).toBe(false);

    // The refinement "body, or files" is not in zod's JSON Schema: the document adds it.
    for (const schema of [send, create]) {
      expect(schema.required).not.toContain("body");
      expect(schema.properties.body).toMatchObject({ type: "string", maxLength: 10_000, default: "" });
      expect(schema.properties.body!.description).toBe("1–10,000 characters (after trimming), or empty when files are attached.");
      expect(schema.properties.attachmentIds).toMatchObject({ type: "array", default: [], items: { type: "string", format: "uuid" } });
      expect(schema.anyOf).toEqual([
        { required: ["body"], properties: { body: { minLength: 1 } } },
        { required: ["attachmentIds"], properties: { attachmentIds: { minItems: 1 } } },
      ]);
    }

    const patch = requestSchema("/tickets/{id}", "patch");
    expect(Object.keys(patch.properties)).toEqual(expect.arrayContaining(["status", "assigneeId", "priority"]));
    expect(patch.additionalProperties).toBe(false);
  });

  it("describes attachments: the view, where it appears, the upload and the files", () => {
    const attachment = doc.components.schemas!.Attachment as { properties: Record<string, Json>; required: string[] };
    expect([...attachment.required].sort()).toEqual([...attachmentViewKeys].sort());
    expect(Object.keys(attachment.properties).sort()).toEqual([...attachmentViewKeys].sort());
    expect(attachment.properties.status).toMatchObject({ enum: [...attachmentStatuses] });

    const attachmentList = { type: "array", items: { $ref: "#/components/schemas/Attachment" } };
    const message = doc.components.schemas!.Message as { properties: Record<string, Json> };
    expect(message.properties.attachments).toMatchObject(attachmentList);
    const ticketDetail = doc.components.schemas!.TicketDetail as { allOf: { properties?: Record<string, Json> }[] };
    expect(ticketDetail.allOf.find((part) => part.properties?.attachments)?.properties!.attachments).toMatchObject(attachmentList);
    expect(deref<{ properties: Record<string, Json> }>(doc.components.schemas!.DocumentList).properties.items).toMatchObject(attachmentList);

    const upload = doc.paths["/attachments"]!.post as { requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown> };
    expect(Object.keys(upload.requestBody.content)).toEqual(["multipart/form-data"]);
    const form = requestSchema("/attachments", "post", "multipart/form-data");
    expect(form.required).toEqual(["file"]);
    expect(form.properties.file).toMatchObject({ type: "string", contentMediaType: "application/octet-stream" });
    expect(Object.keys(upload.responses).sort()).toEqual(["201", "400", "401", "403", "413", "422", "500", "503"]);
    expect(deref(upload.responses["201"])).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/Attachment" } } } });

    const content = doc.paths["/attachments/{id}/content"]!.get as { responses: Record<string, Json> };
    const served = content.responses["200"] as { headers: Record<string, unknown>; content: Record<string, unknown> };
    expect(Object.keys(served.content).sort()).toEqual(["application/pdf", "image/jpeg", "image/png", "image/webp"]);
    expect(Object.keys(served.headers)).toEqual(expect.arrayContaining(["Content-Disposition", "X-Content-Type-Options", "Content-Security-Policy"]));
    const thumbnail = doc.paths["/attachments/{id}/thumbnail"]!.get as { responses: Record<string, Json> };
    expect(Object.keys((thumbnail.responses["200"] as { content: Record<string, unknown> }).content)).toEqual(["image/webp"]);
    for (const path of ["/attachments/{id}", "/attachments/{id}/content", "/attachments/{id}/thumbnail", "/members/{id}/documents"]) {
      expect(Object.keys((doc.paths[path]!.get as { responses: Json }).responses).sort(), path).toEqual(["200", "401", "404", "500"]);
    }
    expect((doc.tags as { name: string }[]).map((t) => t.name)).toContain("attachments");
  });

  it("derives query parameters from the list schemas", () => {
    const params = (doc.paths["/tickets"]!.get!.parameters as { name: string; in: string; schema: Json }[]).filter((p) => p.in === "query");
    const { properties } = z.toJSONSchema(listQueueTicketsSchema, { io: "input" }) as { properties: Record<string, unknown> };
    expect(params.map((p) => p.name).sort()).toEqual(Object.keys(properties).sort());
    expect(params.find((p) => p.name === "status")!.schema).toMatchObject({ enum: ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] });
    expect(params.find((p) => p.name === "limit")!.schema).toMatchObject({ type: "integer", maximum: 200 });
  });

  it("answers errors as application/problem+json", () => {
    for (const name of Object.keys(doc.components.responses!)) {
      const response = doc.components.responses![name] as { content: Record<string, { schema: unknown }> };
      expect(Object.keys(response.content)).toEqual(["application/problem+json"]);
      expect(deref(response.content["application/problem+json"]!.schema)).toBe(doc.components.schemas!.Problem);
    }
  });
});
