/** The event stream, typing and "Seen" (docs/realtime.md), and the caller's two-step sign-in (docs/security.md). */
import { parameterRef } from "../components";
import type { Paths } from "../types";
import { changePasswordSchema } from "../../../domain/auth/schemas";
import { announceTypingSchema } from "../../../domain/realtime/schemas";
import { inputSchema } from "../from-zod";
import { errors } from "./shared";

const object = (properties: Record<string, unknown>) => ({ type: "object", properties });
const okJson = (description: string, schema: Record<string, unknown> = { type: "object" }) => ({ description, content: { "application/json": { schema } } });

export const liveAndAccountPaths: Paths = {
  "/events": {
    get: {
      operationId: "streamEvents",
      tags: ["live"],
      summary: "Server-Sent Events the caller may see",
      description:
        "message.created, ticket.created/updated, mention.created, attachment.scanned, typing, read. Each event's `id` is its delivery sequence " +
        "(typing has none and is never replayed). Reconnect with `Last-Event-ID` (or `?lastEventId=`) to replay what was missed, filtered by the " +
        "caller's permissions at delivery time. A `ready` event carries the current position; `resync` asks the client to reload. Heartbeat comments every ~15 s.",
      parameters: [{ name: "lastEventId", in: "query", required: false, schema: { type: "string", pattern: "^[0-9]+$" } }],
      responses: { "200": { description: "An endless `text/event-stream`.", content: { "text/event-stream": { schema: { type: "string" } } } }, ...errors(401, 403) },
    },
  },
  "/threads/{id}/typing": {
    parameters: [parameterRef("Id")],
    post: {
      operationId: "announceTyping",
      tags: ["live"],
      summary: "Staff writing a reply to the member: an ephemeral typing event (at most one per person and thread every 2.5 s; never for internal notes)",
      description: "The body says what the composer writes. `{\"visibility\": \"internal\"}` (a note) is refused with 422 and announces nothing, as is a body without `visibility`.",
      requestBody: { required: true, content: { "application/json": { schema: inputSchema(announceTypingSchema) } } },
      responses: { "202": { description: "Announced (or throttled)." }, ...errors(400, 401, 403, 404, 422) },
    },
  },
  "/threads/{id}/read": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getThreadSeen",
      tags: ["live"],
      summary: "Up to when someone on the care team has read the thread (for \"Seen\"); no staff names",
      responses: { "200": okJson("`{seenAt}` (ISO time or null).", object({ seenAt: { type: ["string", "null"], format: "date-time" } })), ...errors(401, 404) },
    },
  },
  "/me/password": {
    post: {
      operationId: "changeMyPassword",
      tags: ["identity"],
      summary: "Changes the caller's password (browser sessions only)",
      description:
        "`{currentPassword, newPassword}`; the new one: 12 to 256 characters, more than a few different ones, not the current one, not containing the email's name. " +
        "The one route (with sign-out and two-step set-up) that a session holding an administrator's one-time password may reach: every other one answers 403 " +
        "\"Change your one-time password first.\" until it is changed. Every other session of the account ends; this one gets a new cookie. Wrong current passwords " +
        "spend the session's own budget of checks: when it runs out every session ends (401).",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: inputSchema(changePasswordSchema),
          },
        },
      },
      responses: { "204": { description: "Changed." }, ...errors(401, 403, 422) },
    },
  },
  "/me/mfa": {
    get: {
      operationId: "getMyTwoStep",
      tags: ["identity"],
      summary: "Whether the caller has two-step sign-in (TOTP) and how many recovery codes are left",
      responses: { "200": okJson("Two-step sign-in status."), ...errors(401, 403) },
    },
  },
  "/me/mfa/enrolment": {
    post: {
      operationId: "startTwoStepEnrolment",
      tags: ["identity"],
      summary: "Starts setting up two-step sign-in (staff): a new secret, shown once as base32, otpauth URI and QR code",
      responses: { "200": okJson("The secret to add to an authenticator app."), ...errors(401, 403, 409) },
    },
  },
  "/me/mfa/enrolment/confirm": {
    post: {
      operationId: "confirmTwoStepEnrolment",
      tags: ["identity"],
      summary: "Turns two-step sign-in on with a first valid code; answers 10 recovery codes, shown once, and ends every session",
      responses: { "200": okJson("Recovery codes."), ...errors(401, 403, 409, 422) },
    },
  },
  "/me/mfa/disable": {
    post: {
      operationId: "disableTwoStep",
      tags: ["identity"],
      summary: "Turns two-step sign-in off with a current code or a recovery code",
      responses: { "200": okJson("Turned off."), ...errors(401, 403, 422) },
    },
  },
  "/me/mfa/recovery-codes": {
    post: {
      operationId: "renewRecoveryCodes",
      tags: ["identity"],
      summary: "New recovery codes (the old ones stop working), with a current code",
      responses: { "200": okJson("Recovery codes, shown once."), ...errors(401, 403, 422) },
    },
  },
};
