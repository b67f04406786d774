import { responseRef, schemaRef } from "../components";
import type { Ref, Response } from "../types";

export function json(description: string, schemaName: string): Response {
  return { description, content: { "application/json": { schema: schemaRef(schemaName) } } };
}

export function jsonBody(schemaName: string) {
  return { required: true, content: { "application/json": { schema: schemaRef(schemaName) } } };
}

const byStatus: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  413: "PayloadTooLarge",
  422: "InvalidInput",
};

/** The error answers of an operation; every operation can also answer 500. */
export function errors(...statuses: (keyof typeof byStatus)[]): Record<string, Ref> {
  const entries = statuses.map((s) => [String(s), responseRef(byStatus[s]!)] as const);
  return Object.fromEntries([...entries, ["500", responseRef("InternalError")]]);
}
