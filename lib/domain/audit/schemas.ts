// Input schemas of the audit area. No server-only imports: forms reuse them.
import { z } from "zod";

/** An audit row id (a position in the log), as text: the keyset cursor of the compliance list. */
const auditIdCursor = z.string().regex(/^[1-9][0-9]{0,18}$/, "must be a cursor from a previous page");

/** The filters shared by the compliance list and its CSV export. */
const auditFilterShape = {
  memberId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
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
  cursor: z.string().max(200).optional(),
});

/** Actions the compliance view suggests in its filter (free text is accepted too). */
export const knownAuditActions = [
  "thread.read",
  "thread.list",
  "thread.create",
  "message.list",
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
  "auth.sign_in",
  "auth.sign_out",
  "audit.list",
  "audit.export",
  "audit.findMember",
  "audit.verify",
  "audit.readOwnAccess",
] as const;
