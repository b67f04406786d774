// Input schemas and views of tickets and queues. No server-only imports.
import type { AttachmentView } from "../attachments/schemas";
import type { QueueSla } from "../sla/schemas";
import { z } from "zod";
import { cursorParamSchema } from "../shared/bounds";
import { textSchema } from "../shared/text";

export const ticketStatuses = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketPriorities = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const ticketPrioritySchema = z.enum(ticketPriorities);
export type TicketPriority = z.infer<typeof ticketPrioritySchema>;

export const updateTicketSchema = z
  .strictObject({
    status: ticketStatusSchema.optional(),
    assigneeId: z.uuid().nullable().optional(),
    priority: ticketPrioritySchema.optional(),
    caseType: textSchema({ min: 1, max: 80, minMessage: "Give the case type at least one visible character, or clear it." }).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one field.");
export type UpdateTicketInput = z.input<typeof updateTicketSchema>;

export const queueViews = ["open", "mine", "unassigned", "all"] as const;
export const listQueueTicketsSchema = z.strictObject({
  /** open: every ticket not SOLVED/CLOSED; mine: open and assigned to me; unassigned: open and nobody's; all: everything. */
  view: z.enum(queueViews).default("open"),
  status: ticketStatusSchema.optional(),
  /** `me`, `none`, or a user id. */
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional(),
  cursor: cursorParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQueueTicketsInput = z.input<typeof listQueueTicketsSchema>;

export type TicketView = {
  id: string;
  threadId: string;
  teamId: string | null;
  queueId: string;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  caseType: string | null;
  createdAt: string;
  firstResponseAt: string | null;
  waitingSince: string | null;
  lastActivityAt: string;
  followUpOfId: string | null;
};

export type TicketEventView = {
  id: string;
  type: string;
  actor: { id: string; name: string } | null;
  fromValue: string | null;
  toValue: string | null;
  createdAt: string;
};

/** A ticket as the ticket sidebar shows it. */
export type TicketDetail = TicketView & {
  assignee: { id: string; name: string } | null;
  events: TicketEventView[];
  /** Staff of the owning team, for "assign to a teammate". */
  assignableStaff: { id: string; name: string; role: string }[];
  /** Files sent on this ticket's messages, newest first (staff reach every message of a ticket they reach). */
  attachments: AttachmentView[];
};

export type QueueItem = TicketView & {
  member: { id: string; name: string };
  subject: string | null;
  /** The first words of the latest member message (staff only). */
  preview: string | null;
  assignee: { id: string; name: string } | null;
  /** The response target running now and when it falls due (docs/sla.md); null when none applies. */
  sla: QueueSla | null;
};

export type QueueCounts = Record<(typeof queueViews)[number], number>;
