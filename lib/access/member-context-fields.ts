/**
 * ⚠ SECURITY: minimum necessary for the member context panel — which fields each role
 * sees (DESIGN.md §4). This table is the single source: the domain function projects the
 * member record through it, the API answers only these fields, and docs/security.md
 * shows it. A field not granted here is never read from the database for that role.
 *
 * Why these choices:
 *  - Care guides handle benefits, access and logistics: identity, contact, address and plan
 *    with deductible; they do not need health tags.
 *  - Nurses triage clinical questions: identity, contact, health tags; the plan's name and
 *    metal level (what is covered) but not the member's spending or home address.
 *  - Physicians: identity, phone and health tags; no plan or address.
 *  - Documents (photos and PDFs the member sent, across the conversations the viewer may
 *    open) are clinical: nurses and physicians. Care guides see a file where they need it —
 *    in the conversation and the ticket it came with — not as the member's library.
 *  - Members, admins and compliance get no panel at all (capability memberContext.read).
 */
import type { Role } from "./roles";

export const memberContextFields = [
  "name",
  "age",
  "dateOfBirth",
  "sex",
  "memberNumber",
  "phone",
  "email",
  "address",
  "plan",
  "deductible",
  "healthTags",
  "recentTickets",
  "documents",
] as const;
export type MemberContextField = (typeof memberContextFields)[number];

export const memberContextFieldTable: Record<Role, readonly MemberContextField[]> = {
  CARE_GUIDE: ["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "address", "plan", "deductible", "recentTickets"],
  NURSE: ["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "plan", "healthTags", "recentTickets", "documents"],
  PHYSICIAN: ["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "healthTags", "recentTickets", "documents"],
  MEMBER: [],
  ADMIN: [],
  COMPLIANCE: [],
};

export function memberContextFieldsFor(role: Role): ReadonlySet<MemberContextField> {
  return new Set(memberContextFieldTable[role]);
}
