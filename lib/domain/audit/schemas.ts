// Input schemas of the audit area. No server-only imports: forms reuse them.
import { z } from "zod";
import { cursorParamSchema, int8IdTextSchema, isoDateTimeSchema } from "../shared/bounds";
import { textSchema } from "../shared/text";

/**
 * An audit row id (a position in the log), as text: the keyset cursor of the compliance list.
 * Bounded to PostgreSQL's bigint: a 19-digit id beyond it is a 422, not a database error.
 */
const auditIdCursor = int8IdTextSchema;

/** The filters shared by the compliance list and its CSV export. */
const auditFilterShape = {
  memberId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  /** An action name (see knownAuditActions); free text on one line is accepted too. */
  action: textSchema({ max: 100 }).optional(),
  /** Instants with an offset, years 1900–9999 (what the timestamptz column and the app take). */
  from: isoDateTimeSchema({ offset: true }).optional(),
  to: isoDateTimeSchema({ offset: true }).optional(),
};

export const listAuditEventsSchema = z.strictObject({
  ...auditFilterShape,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** `nextCursor` of the previous page: older rows follow. */
  cursor: auditIdCursor.optional(),
});

export const exportAuditEventsSchema = z.strictObject(auditFilterShape);
export type AuditFilters = z.output<typeof exportAuditEventsSchema>;

/** The member's own access report ("Who has seen my messages"). */
export const listMyAccessLogSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: cursorParamSchema.optional(),
});

/** Actions the compliance view suggests in its filter (free text is accepted too). */
export const knownAuditActions = [
  "thread.read",
  "thread.list",
  "thread.create",
  "message.list",
  // A live event's view delivered to consoles (one row per event, audience and instance; docs/realtime.md).
  "live.deliver",
  "message.send",
  "message.sendInternal",
  "ticket.read",
  "ticket.list",
  "ticket.update",
  "memberContext.read",
  "memberDocuments.list",
  "attachment.upload",
  "attachment.read",
  "attachment.download",
  "attachment.viewThumbnail",
  "attachment.scanned",
  "attachment.infected",
  "attachment.purgeUnsent",
  "collaborator.add",
  "collaborator.remove",
  "emergencyAccess.request",
  "emergencyAccess.grant",
  "emergencyAccess.review",
  "emergencyAccess.end",
  "auth.sign_in",
  "auth.sign_out",
  "auth.password_change",
  "mfa.verify",
  "user.create",
  "team.staff_account_create",
  "user.password_reset",
  "user.mfa_reset",
  "apiClient.create",
  "team.api_client_create",
  "audit.list",
  "audit.export",
  "audit.findMember",
  "audit.verify",
  "audit.readOwnAccess",
] as const;
