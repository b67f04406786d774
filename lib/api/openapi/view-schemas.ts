/**
 * Response schemas, written by hand because the views are TypeScript types (the domain
 * builds them; nothing parses them). Enumerations come from the same constants the domain
 * uses. Keep these in step with the view types named in each comment.
 */
import { memberContextFields } from "../../access/member-context-fields";
import { roles } from "../../access/roles";
import { attachmentStatuses } from "../../domain/attachments/schemas";
import { allowedContentTypes } from "../../files/allowed-types";
import { queueViews, ticketPriorities, ticketStatuses } from "../../domain/tickets/schemas";
import { visibilitySchema } from "../../domain/messages/schemas";
import { inputSchema } from "./from-zod";
import type { JsonSchema } from "./types";

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });
const id: JsonSchema = { type: "string", format: "uuid" };
const nullableId: JsonSchema = { type: ["string", "null"], format: "uuid" };
const dateTime: JsonSchema = { type: "string", format: "date-time" };
const nullableDateTime: JsonSchema = { type: ["string", "null"], format: "date-time" };
const nullableString: JsonSchema = { type: ["string", "null"] };
const nullableInteger: JsonSchema = { type: ["integer", "null"], minimum: 0 };
const teamKind: JsonSchema = { type: "string", enum: ["CONCIERGE", "VIRTUAL_PRIMARY_CARE", "HEALTH_CENTER"] };

function object(properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema {
  return { type: "object", properties, required };
}

const person = object({ id, name: { type: "string" } });

export const viewSchemas: Record<string, JsonSchema> = {
  /** lib/domain/users/get-me.ts `Me` */
  Me: object({
    id,
    email: { type: "string", format: "email" },
    name: { type: "string" },
    role: { type: "string", enum: [...roles] },
    teams: { type: "array", items: object({ id, name: { type: "string" }, kind: teamKind }) },
  }),

  /** lib/domain/threads/schemas.ts `ThreadView` */
  Thread: object({
    id,
    subject: nullableString,
    memberId: id,
    teamId: nullableId,
    lastMessageAt: dateTime,
    ticket: nullable(object({ id, status: { type: "string", enum: [...ticketStatuses] }, assigneeId: nullableId })),
  }),
  /** get-thread.ts: `ThreadView & { member, team }` */
  ThreadDetail: {
    allOf: [
      ref("Thread"),
      object({
        member: person,
        team: nullable(object({ id, name: { type: "string" }, kind: teamKind })),
        access: {
          ...object({ via: { type: "string", enum: ["member", "team", "collaborator", "emergency"] }, expiresAt: nullableDateTime }),
          description: "How the caller reaches the thread; `expiresAt` is set for emergency access.",
        },
      }),
    ],
  },
  ThreadList: object({ items: { type: "array", items: ref("Thread") }, nextCursor: nullableString }),
  CreatedThread: object({ thread: ref("Thread"), message: ref("Message") }),

  /** lib/domain/attachments/schemas.ts `AttachmentView` */
  Attachment: object({
    id,
    fileName: { type: "string", description: "Cleaned for display; never a storage key." },
    contentType: {
      type: ["string", "null"],
      enum: [...allowedContentTypes, null],
      description: "The type found in the file's bytes (not the one the uploader declared).",
    },
    sizeBytes: { type: "integer", minimum: 0 },
    status: {
      type: "string",
      enum: [...attachmentStatuses],
      description: "PENDING until the virus scan finishes (poll GET /attachments/{id}); only CLEAN files are ever served.",
    },
    documentType: { type: ["string", "null"], enum: ["photo", "document", null], description: "`photo` for images, `document` for PDFs." },
    statusMessage: { ...nullableString, description: "Plain words for the uploader when the file is not (yet) available; null when CLEAN." },
    width: { ...nullableInteger, description: "Pixels; images only." },
    height: { ...nullableInteger, description: "Pixels; images only." },
    threadId: { ...nullableId, description: "Null until the file is sent with a message." },
    messageId: { ...nullableId, description: "Null until the file is sent with a message." },
    createdAt: dateTime,
    contentUrl: { type: ["string", "null"], format: "uri-reference", description: "GET it for the file; set only when CLEAN." },
    thumbnailUrl: { type: ["string", "null"], format: "uri-reference", description: "A WebP preview of an image (at most 480 px); set only for a CLEAN image." },
  }),
  /** lib/domain/attachments/list-member-documents.ts: at most 50, newest first, no paging. */
  DocumentList: object({ items: { type: "array", items: ref("Attachment") } }),

  /** lib/domain/messages/schemas.ts `MessageView` */
  Message: object({
    id,
    threadId: id,
    body: { type: "string", description: "Empty when the message is files only." },
    visibility: { ...inputSchema(visibilitySchema), description: "`internal` notes are staff-only; members never receive them." },
    author: object({ id, name: { type: "string" }, role: { type: "string", enum: [...roles] } }),
    createdAt: dateTime,
    clientMessageId: { type: "string" },
    attachments: { type: "array", items: ref("Attachment"), description: "Files sent with the message, in the order they were uploaded." },
  }),
  MessageList: object({ items: { type: "array", items: ref("Message") }, nextCursor: nullableString }),

  /** lib/domain/tickets/schemas.ts `TicketView` */
  Ticket: object({
    id,
    threadId: id,
    teamId: nullableId,
    queueId: id,
    status: { type: "string", enum: [...ticketStatuses] },
    priority: { type: "string", enum: [...ticketPriorities] },
    assigneeId: nullableId,
    caseType: nullableString,
    createdAt: dateTime,
    firstResponseAt: nullableDateTime,
    waitingSince: nullableDateTime,
    lastActivityAt: dateTime,
    followUpOfId: nullableId,
  }),
  /** `TicketEventView` */
  TicketEvent: object({
    id: { type: "string" },
    type: { type: "string" },
    actor: nullable(person),
    fromValue: nullableString,
    toValue: nullableString,
    createdAt: dateTime,
  }),
  /** `TicketDetail` */
  TicketDetail: {
    allOf: [
      ref("Ticket"),
      object({
        assignee: nullable(person),
        events: { type: "array", items: ref("TicketEvent"), description: "The newest 100 events, oldest of them first." },
        assignableStaff: { type: "array", items: object({ id, name: { type: "string" }, role: { type: "string", enum: [...roles] } }) },
        attachments: { type: "array", items: ref("Attachment"), description: "Files sent on this ticket's messages, newest first (at most 50)." },
      }),
    ],
  },
  /** `QueueItem` */
  QueueItem: {
    allOf: [
      ref("Ticket"),
      object({
        member: person,
        subject: nullableString,
        preview: nullableString,
        assignee: nullable(person),
        sla: {
          description: "The response target running now (docs/sla.md), or null when none applies (nobody waiting, on hold, no policy).",
          anyOf: [
            object({ kind: { type: "string", enum: ["first_response", "next_response"] }, dueAt: { type: "string", format: "date-time" } }),
            { type: "null" },
          ],
        },
      }),
    ],
  },
  QueueList: object({
    items: { type: "array", items: ref("QueueItem") },
    nextCursor: nullableString,
    counts: object(Object.fromEntries(queueViews.map((v) => [v, { type: "integer", minimum: 0 }]))),
  }),

  /** lib/domain/members/schemas.ts `MemberContextView`: only the fields granted to the caller's role are present. */
  MemberContext: object(
    {
      id,
      fields: { type: "array", items: { type: "string", enum: [...memberContextFields] }, description: "The fields this answer carries; any other is not granted to your role." },
      name: { type: "string" },
      age: { type: "integer", minimum: 0 },
      dateOfBirth: { type: "string", format: "date" },
      sex: { type: "string", enum: ["FEMALE", "MALE", "INTERSEX", "UNKNOWN"] },
      memberNumber: { type: "string" },
      phone: nullableString,
      email: { type: "string", format: "email" },
      address: nullable(object({ line1: nullableString, line2: nullableString, city: nullableString, region: nullableString, postalCode: nullableString })),
      plan: nullable(object({ name: { type: "string" }, metalLevel: { type: "string" }, planYear: { type: "integer" } })),
      deductible: nullable(object({ usedCents: { type: "integer" }, totalCents: { type: "integer" } })),
      healthTags: { type: "array", items: object({ code: { type: "string" }, label: { type: "string" }, category: { type: "string" } }) },
      recentTickets: {
        type: "array",
        items: object({ id, threadId: id, subject: nullableString, status: { type: "string", enum: [...ticketStatuses] }, createdAt: dateTime }),
      },
    },
    ["id", "fields"],
  ),

  /** lib/domain/audit/list-audit-events.ts `AuditEventView` */
  AuditEvent: object({
    id: { type: "string", description: "Position in the append-only log." },
    occurredAt: dateTime,
    actorId: nullableId,
    actorName: nullableString,
    actorRole: { type: ["string", "null"], enum: [...roles, null] },
    action: { type: "string" },
    outcome: { type: "string", enum: ["ALLOWED", "DENIED"] },
    memberId: nullableId,
    recordType: nullableString,
    recordId: nullableString,
    ip: nullableString,
    reason: nullableString,
  }),
  AuditList: object({ items: { type: "array", items: ref("AuditEvent") }, nextCursor: nullableString }),

  /** lib/http/problem.ts: every error answer (RFC 9457 application/problem+json). */
  Problem: {
    type: "object",
    properties: {
      type: { type: "string", description: "Always `about:blank`." },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string", description: "A message that can be shown to the user." },
      code: { type: "string", description: "UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, INVALID_INPUT, BAD_REQUEST, PAYLOAD_TOO_LARGE, RATE_LIMITED, UNAVAILABLE" },
      eventId: { type: "string", description: "On 500 answers: quote it to support; the server log has the details." },
      errors: {
        type: "array",
        description: "On 422 answers: one entry per invalid field (`path` is dot-separated; empty for the body as a whole).",
        items: object({ path: { type: "string" }, message: { type: "string" } }),
      },
    },
    required: ["type", "title", "status", "detail"],
  },
};
