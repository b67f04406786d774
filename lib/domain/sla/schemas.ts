// Input schemas and views of response targets (SLA). No server-only imports: the admin form reuses them.
import { z } from "zod";
import type { WorkingDay } from "../teams/schemas";
import { ticketPrioritySchema, type TicketPriority } from "../tickets/schemas";

/** Up to 30 days, in working minutes. */
const targetMinutes = z.number().int().min(1, "At least 1 minute.").max(30 * 24 * 60, "At most 30 days.");

export const slaPolicySchema = z.strictObject({
  priority: ticketPrioritySchema,
  firstResponseMinutes: targetMinutes,
  nextResponseMinutes: targetMinutes,
});
export type SlaPolicyInput = z.infer<typeof slaPolicySchema>;

/** The team's whole set of targets: a priority left out has no target. */
export const updateTeamSlaSchema = z.strictObject({
  policies: z
    .array(slaPolicySchema)
    .max(4)
    .refine((ps) => new Set(ps.map((p) => p.priority)).size === ps.length, "Give each priority at most once."),
});
export type UpdateTeamSlaInput = z.input<typeof updateTeamSlaSchema>;

export type TeamSlaView = {
  teamId: string;
  teamName: string;
  timeZone: string;
  hours: WorkingDay[];
  policies: { priority: TicketPriority; firstResponseMinutes: number; nextResponseMinutes: number }[];
};

/** What the queue shows per ticket: which target runs and when it falls due. */
export type QueueSla = { kind: "first_response" | "next_response"; dueAt: string };
