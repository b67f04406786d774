// Input schemas and views of administration (people, member teams, API clients). No
// server-only imports: the admin forms reuse them, and the server parses again.
//
// ⚠ Minimum necessary: these views carry who people are, their roles, teams and counts —
// never a message, a subject, a health tag or any other field of a member's record.
import { z } from "zod";
import { roles, staffRoles, type Role } from "../../access/roles";
import { cursorParamSchema } from "../shared/bounds";
import { nameTextSchema, searchTermSchema } from "../shared/text";
import type { TeamKind } from "../teams/schemas";

/** Roles an admin may give an account: every role but MEMBER (members come from enrollment). */
export const accountRoles = ["CARE_GUIDE", "NURSE", "PHYSICIAN", "ADMIN", "COMPLIANCE"] as const satisfies readonly Role[];
/** Roles that work in teams (and the only ones an API client's service user may have). */
export const teamRoles = staffRoles;

export function isTeamRole(role: Role): boolean {
  return (teamRoles as readonly Role[]).includes(role);
}

const teamIds = z
  .array(z.uuid())
  .max(20)
  .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, "List each team once.");

/** One line, at least 2 visible characters, no bidi controls (lib/domain/shared/text.ts). */
export const personNameSchema = nameTextSchema({ min: 2, max: 120, minMessage: "Give a name of at least 2 characters." });
// As sign-in reads it (trimmed, lower-cased), so the account can sign in with what was typed here.
export const emailSchema = z.string().trim().toLowerCase().email("Give a valid email address.").max(254);

export const listPeopleSchema = z.strictObject({
  /** Part of a name or email, without regard to case. */
  q: searchTermSchema(100).optional(),
  /** `staff`: everyone who is not a member (admins and compliance included). */
  type: z.enum(["staff", "member"]).optional(),
  role: z.enum(roles).optional(),
  status: z.enum(["ACTIVE", "DISABLED"]).optional(),
  teamId: z.uuid().optional(),
  cursor: cursorParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListPeopleInput = z.input<typeof listPeopleSchema>;

export const createStaffUserSchema = z
  .strictObject({
    name: personNameSchema,
    email: emailSchema,
    role: z.enum(accountRoles),
    /** Teams to work in; only for care guides, nurses and physicians. */
    teamIds: teamIds.default([]),
  })
  .refine((v) => v.teamIds.length === 0 || isTeamRole(v.role), {
    message: "Administrators and compliance work in no team.",
    path: ["teamIds"],
  });
export type CreateStaffUserInput = z.input<typeof createStaffUserSchema>;

export const changeUserRoleSchema = z.strictObject({ role: z.enum(roles) });
export type ChangeUserRoleInput = z.input<typeof changeUserRoleSchema>;

export const assignMemberTeamSchema = z.strictObject({ teamId: z.uuid() });
export type AssignMemberTeamInput = z.input<typeof assignMemberTeamSchema>;

export const createApiClientSchema = z.strictObject({
  name: nameTextSchema({ min: 2, max: 80, minMessage: "Give the client a name of at least 2 characters." }),
  /** The service user's role: what the client may do, scoped by its teams. */
  role: z.enum(teamRoles),
  teamIds: teamIds.min(1, "Choose at least one team: a client without a team reaches nothing."),
});
export type CreateApiClientInput = z.input<typeof createApiClientSchema>;

export type PersonTeam = { id: string; name: string; kind: TeamKind; archived: boolean };

export type PersonView = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: "ACTIVE" | "DISABLED";
  /** Staff: the teams they work in. Members: their concierge team (none while in triage). */
  teams: PersonTeam[];
  /** The account of an API client (it cannot sign in with a password). */
  serviceUser: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  /** Two-step sign-in is on (an admin may reset a lost second factor). */
  mfaEnabled: boolean;
  /** Still has the one-time password an admin handed over (must change it at sign-in). */
  passwordChangeRequired: boolean;
};

export type PersonDetail = PersonView & {
  /** Members: conversations with an active ticket that move with a change of concierge team (a count). */
  openConversations: number | null;
  /** Staff: tickets not closed that are assigned to them (a count). */
  assignedOpenTickets: number | null;
  /** Service users: their API clients. */
  apiClients: { id: string; name: string; keyPrefix: string; revokedAt: string | null }[];
};

export type PeoplePage = { items: PersonView[]; nextCursor: string | null };

/** The only time the password is ever shown; only its argon2id hash is stored. */
export type CreatedStaffUser = { user: PersonDetail; oneTimePassword: string };
export type PasswordReset = { user: PersonDetail; oneTimePassword: string };

export type MemberTeamChange = {
  memberId: string;
  fromTeamId: string | null;
  toTeamId: string;
  movedThreads: number;
  movedTickets: number;
};

export type ApiClientView = {
  id: string;
  name: string;
  /** `cnc_<prefix>`: enough to recognise a key, useless to authenticate. */
  keyPrefix: string;
  serviceUser: { id: string; name: string; role: Role; status: "ACTIVE" | "DISABLED"; teams: PersonTeam[] };
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The only time the key is ever shown; only its SHA-256 is stored. */
export type CreatedApiClient = { client: ApiClientView; key: string };
