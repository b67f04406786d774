/**
 * Shared components: request bodies generated from the zod schemas the handlers parse
 * with, hand-written views, the problem+json answers and the two ways to authenticate.
 */
import { sendMessageSchema } from "../../domain/messages/schemas";
import { createThreadSchema } from "../../domain/threads/schemas";
import { updateTicketSchema } from "../../domain/tickets/schemas";
import { maxJsonBodyBytes } from "../../http/read-json";
import { inputSchema } from "./from-zod";
import type { JsonSchema, Parameter, Ref, Response } from "./types";
import { viewSchemas } from "./view-schemas";

export const schemaRef = (name: string): Ref => ({ $ref: `#/components/schemas/${name}` });
export const responseRef = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
export const parameterRef = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });

/**
 * createThreadSchema and sendMessageSchema end in a refinement (requireBodyOrAttachments:
 * `body` may be empty only when files are attached), which z.toJSONSchema leaves out: `body`
 * comes out optional with no minLength. Say the rule in words on `body`, and in an `anyOf`
 * that a JSON Schema validator enforces (trimming, which the server does first, it cannot).
 */
function withBodyOrAttachments(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties?.body || !properties.attachmentIds) throw new Error("Expected a message schema with `body` and `attachmentIds`.");
  return {
    ...schema,
    properties: {
      ...properties,
      body: { ...properties.body, description: "1–10,000 characters (after trimming), or empty when files are attached." },
      attachmentIds: {
        ...properties.attachmentIds,
        description:
          "Files to send with the message: ids from POST /attachments, each the caller's own upload, not yet sent, and PENDING or CLEAN. " +
          "At most ATTACHMENT_MAX_PER_MESSAGE (10 by default) per message; otherwise 422.",
      },
    },
    anyOf: [
      { required: ["body"], properties: { body: { minLength: 1 } } },
      { required: ["attachmentIds"], properties: { attachmentIds: { minItems: 1 } } },
    ],
  };
}

/** Request bodies, straight from zod (strict: unknown fields are rejected with 422). */
const requestSchemas: Record<string, JsonSchema> = {
  CreateThreadRequest: withBodyOrAttachments(inputSchema(createThreadSchema)),
  SendMessageRequest: withBodyOrAttachments(inputSchema(sendMessageSchema)),
  UpdateTicketRequest: {
    ...inputSchema(updateTicketSchema),
    // A zod refinement has no JSON Schema form; say it in words and in minProperties.
    minProperties: 1,
    description: "Change at least one field.",
  },
};

const problemContent = { "application/problem+json": { schema: schemaRef("Problem") } };

function problemResponse(description: string): Response {
  return { description, content: problemContent };
}

const responses: Record<string, Response> = {
  BadRequest: problemResponse(`The request could not be read: malformed JSON, a body that is not application/json, or a bad cursor.`),
  Unauthenticated: problemResponse("No valid session cookie or bearer key."),
  Forbidden: problemResponse(
    "The caller's role may not do this at all, or a cookie-authenticated write came without this app's Origin header (CSRF defence).",
  ),
  NotFound: problemResponse("No such record, or it is outside the caller's scope (the two are never told apart)."),
  Conflict: problemResponse("The request conflicts with the record's current state; reload and try again."),
  PayloadTooLarge: problemResponse(`The body is larger than ${maxJsonBodyBytes} bytes.`),
  InvalidInput: problemResponse("The input broke a rule of the schema; `errors` lists each field."),
  InternalError: problemResponse("An unexpected error; the answer carries an `eventId` only."),
  UploadBadRequest: problemResponse('The body is not multipart/form-data, or does not hold exactly one file in a field named "file".'),
  UploadTooLarge: problemResponse(
    "The file is larger than the upload limit: 20 MB unless the deployment sets ATTACHMENT_MAX_BYTES. `detail` names the limit in words.",
  ),
  UploadRefused: problemResponse(
    "The file was refused before anything was kept: an empty file, a type that is not allowed (only JPEG, PNG, WebP and PDF), " +
      "a declared type or file-name extension that disagrees with the bytes, active content (scripts, web page code), or a bad file name. " +
      "`detail` says which, in plain words that can be shown to the user.",
  ),
  UploadBusy: {
    description: "Too many PDF checks running and waiting on this instance: try again after `Retry-After` seconds. Nothing was kept.",
    headers: { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } } },
    content: problemContent,
  },
};

const parameters: Record<string, Parameter> = {
  Id: { name: "id", in: "path", required: true, description: "A UUID. Anything else answers 404.", schema: { type: "string", format: "uuid" } },
};

const securitySchemes = {
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "concierge.session",
    description:
      "The browser session from the ordinary sign-in (named `__Secure-concierge.session` when served over https). " +
      "Writes (POST, PUT, PATCH, DELETE) authenticated by the cookie must send an `Origin` header equal to the app's own origin, else 403.",
  },
  bearerKey: {
    type: "http",
    scheme: "bearer",
    description: "An API client key (`cnc_<prefix>_<secret>`) issued by an administrator. A request with an Authorization header never falls back to the cookie.",
  },
};

export const components = {
  schemas: { ...requestSchemas, ...viewSchemas },
  responses,
  parameters,
  securitySchemes,
};
