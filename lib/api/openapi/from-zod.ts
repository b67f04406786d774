/**
 * OpenAPI pieces generated from the zod schemas the route handlers parse with, so the
 * document cannot drift from what the API accepts. `io: "input"` describes what a client
 * sends (before defaults and coercion), which is what a request schema must say.
 */
import { z } from "zod";
import type { JsonSchema, Parameter } from "./types";

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client may send. */
export function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  return json;
}

type ObjectJsonSchema = { properties?: Record<string, JsonSchema>; required?: string[] };

/** One `in: query` parameter per property of a (flat, object) query schema. */
export function queryParameters(schema: z.ZodType): Parameter[] {
  const json = inputSchema(schema) as ObjectJsonSchema;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return {
      name,
      in: "query" as const,
      required: required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}
