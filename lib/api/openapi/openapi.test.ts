import { describe, expect, it } from "vitest";
import { z } from "zod";
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

function requestSchema(path: string, method: string): Json & { properties: Record<string, Json>; required: string[] } {
  const op = doc.paths[path]![method] as { requestBody: { content: Record<string, { schema: unknown }> } };
  return deref(op.requestBody.content["application/json"]!.schema);
}

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
      "/members/{id}/context": ["get"],
      "/audit": ["get"],
      "/openapi.json": ["get"],
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
    expect(send.required).toEqual(expect.arrayContaining(["body", "clientMessageId"]));
    expect(send.required).not.toContain("visibility");
    expect(send.properties.body).toMatchObject({ type: "string", minLength: 1, maxLength: 10_000 });
    expect(send.properties.visibility).toMatchObject({ enum: ["member", "internal"], default: "member" });
    expect(send.additionalProperties).toBe(false);
    const { $schema: _s1, ...fromZod } = z.toJSONSchema(sendMessageSchema, { io: "input" }) as Json;
    expect(send).toEqual(fromZod);

    const create = requestSchema("/threads", "post");
    const { $schema: _s2, ...createFromZod } = z.toJSONSchema(createThreadSchema, { io: "input" }) as Json;
    expect(create).toEqual(createFromZod);
    expect(create.additionalProperties).toBe(false);

    const patch = requestSchema("/tickets/{id}", "patch");
    expect(Object.keys(patch.properties)).toEqual(expect.arrayContaining(["status", "assigneeId", "priority"]));
    expect(patch.additionalProperties).toBe(false);
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
