/**
 * The OpenAPI 3.1 document of API v1, served at GET /api/v1/openapi.json. Built once per
 * process from the zod schemas (requests) and lib/api/openapi/view-schemas.ts (responses).
 * It describes the API and holds no data, so it is public.
 */
import { components } from "./components";
import { adminPaths } from "./paths/admin";
import { alertPaths } from "./paths/alerts";
import { liveAndAccountPaths } from "./paths/live-and-account";
import { attachmentPaths } from "./paths/attachments";
import { collaborationPaths } from "./paths/collaboration";
import { emergencyPaths } from "./paths/emergency";
import { otherPaths } from "./paths/other";
import { threadPaths } from "./paths/threads";
import { ticketPaths } from "./paths/tickets";
import type { Paths } from "./types";

export type OpenApiDocument = {
  openapi: string;
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description?: string }[];
  paths: Paths;
  components: typeof components;
};

let cached: OpenApiDocument | undefined;

export function buildOpenApiDocument(): OpenApiDocument {
  cached ??= {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Concierge API",
      version: "1.0.0",
      description:
        "Secure messaging between health-plan members and their care team. JSON in and out; errors are application/problem+json. " +
        "Records outside the caller's scope answer 404, never 403. Lists are `{items, nextCursor}`; pass `nextCursor` back as `cursor`.",
    },
    servers: [{ url: "/api/v1" }],
    // Either one: the session cookie or a bearer key.
    security: [{ sessionCookie: [] }, { bearerKey: [] }],
    tags: [
      { name: "identity" },
      { name: "live", description: "The event stream, typing and \"Seen\"." },
      { name: "threads" },
      { name: "messages" },
      { name: "attachments", description: "Photos and PDFs: upload, then send with a message. Only files a virus scan found CLEAN are served." },
      { name: "tickets" },
      { name: "collaboration", description: "@mentions bring colleagues into a thread as collaborators, until staff of the owning team remove them." },
      { name: "members" },
      { name: "audit" },
      { name: "notifications", description: "In-app alerts: a type and ids, never names or text. docs/notifications.md." },
      { name: "meta" },
    ],
    paths: { ...otherPaths, ...threadPaths, ...attachmentPaths, ...ticketPaths, ...collaborationPaths, ...adminPaths, ...emergencyPaths, ...alertPaths, ...liveAndAccountPaths },
    components,
  };
  return cached;
}
