// Input schemas and views of teams (administration). No server-only imports: the admin
// forms reuse them, and the server parses again.
import { z } from "zod";
import { nameTextSchema, textSchema } from "../shared/text";

export const teamKinds = ["CONCIERGE", "VIRTUAL_PRIMARY_CARE", "HEALTH_CENTER"] as const;
export const teamKindSchema = z.enum(teamKinds);
export type TeamKind = z.infer<typeof teamKindSchema>;

export const teamKindLabels: Record<TeamKind, string> = {
  CONCIERGE: "Concierge",
  VIRTUAL_PRIMARY_CARE: "Virtual primary care",
  HEALTH_CENTER: "Health center",
};

/** ISO weekday numbering, as the seed and Team.hours use: 1 = Monday … 7 = Sunday. */
export const weekdayLabels = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/**
 * The runtime's own IANA database decides (Intl throws a RangeError for an unknown zone),
 * and the canonical spelling is stored ("america/new_york" → "America/New_York").
 */
export function canonicalTimeZone(value: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const timeZoneSchema = textSchema({ min: 1, max: 64, minMessage: "Choose a time zone." })
  .refine((v) => canonicalTimeZone(v) !== null, "Choose a valid IANA time zone, e.g. America/New_York.")
  .transform((v) => canonicalTimeZone(v) ?? v);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 08:30.");

export const workingDaySchema = z
  .strictObject({ day: z.number().int().min(1).max(7), start: clockTime, end: clockTime })
  // "HH:MM" strings compare in time order. Hours past midnight are not supported.
  .refine((d) => d.start < d.end, { message: "The closing time must be after the opening time.", path: ["end"] });
export type WorkingDay = z.infer<typeof workingDaySchema>;

export const workingHoursSchema = z
  .array(workingDaySchema)
  .max(7)
  .refine((days) => new Set(days.map((d) => d.day)).size === days.length, "Give each weekday at most once.")
  .transform((days) => [...days].sort((a, b) => a.day - b.day));
export type WorkingHours = WorkingDay[];

/** One line, at least 2 visible characters, no bidi controls (lib/domain/shared/text.ts). */
export const teamNameSchema = nameTextSchema({ min: 2, max: 80, minMessage: "Give the team a name of at least 2 characters." });

export const createTeamSchema = z.strictObject({
  name: teamNameSchema,
  kind: teamKindSchema,
  timeZone: timeZoneSchema,
  hours: workingHoursSchema.default([]),
});
export type CreateTeamInput = z.input<typeof createTeamSchema>;

export const updateTeamSchema = z
  .strictObject({
    name: teamNameSchema.optional(),
    kind: teamKindSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    hours: workingHoursSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one field.");
export type UpdateTeamInput = z.input<typeof updateTeamSchema>;

export const listAdminTeamsSchema = z.strictObject({
  /** `true` lists archived teams too (after the active ones). */
  archived: z.enum(["true", "false"]).default("false"),
});
export type ListAdminTeamsInput = z.input<typeof listAdminTeamsSchema>;

/** A team as administration shows it: settings and numbers, never conversation contents. */
export type AdminTeamView = {
  id: string;
  name: string;
  kind: TeamKind;
  timeZone: string;
  hours: WorkingHours;
  archivedAt: string | null;
  createdAt: string;
  /** Active staff in the team (service users of API clients included). */
  staffCount: number;
  /** Active nurses: a concierge team needs at least one (DESIGN.md §4); the UI warns. */
  nurseCount: number;
  /** Members whose concierge team this is. */
  memberCount: number;
  /** Tickets of the team that are not CLOSED. */
  openTickets: number;
};

export type AdminTeamDetail = AdminTeamView & {
  staff: { id: string; name: string; email: string; role: string; status: "ACTIVE" | "DISABLED"; serviceUser: boolean }[];
};
