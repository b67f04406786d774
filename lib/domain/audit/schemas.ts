// Input schemas of the audit area. No server-only imports: forms reuse them.
import { z } from "zod";

export const listAuditEventsSchema = z.strictObject({
  memberId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
