/**
 * ⚠ SECURITY: who may do what. One readable table of `resource.action` → roles.
 *
 * A capability only says a role may attempt an action at all. Which records it may touch
 * is decided by the scope filters (scopes.ts), applied inside every query. Both halves
 * must pass. Anything not listed here is denied (closed by default).
 */
import type { Role } from "./roles";

export const capabilityTable = {
  // Identity
  "me.read": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN", "ADMIN", "COMPLIANCE"],

  // Conversations (members: their own; staff: their teams' and collaborations)
  "thread.list": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "thread.read": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "thread.create": ["MEMBER"],
  "message.send": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "message.sendInternal": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],

  // Tickets and queues
  "ticket.list": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "ticket.read": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "ticket.update": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],

  // Member context (which fields: see member-context field table)
  "memberContext.read": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],

  // Attachments
  "attachment.upload": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "attachment.read": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],

  // Collaboration and emergency access
  "collaborator.add": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "collaborator.remove": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "emergencyAccess.request": ["CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "emergencyAccess.review": ["COMPLIANCE"],

  // Notifications and live events
  "notification.read": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],
  "events.subscribe": ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN"],

  // Administration: people and teams, never message contents
  "team.manage": ["ADMIN"],
  "user.manage": ["ADMIN"],
  "apiClient.manage": ["ADMIN"],
  "triage.view": ["ADMIN"],

  // Audit
  "audit.read": ["COMPLIANCE"],
  "audit.verify": ["COMPLIANCE", "ADMIN"],
  "audit.readOwnAccess": ["MEMBER"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilityTable;

export function can(role: Role, capability: Capability): boolean {
  // Unknown capabilities are denied, never an exception that a caller might swallow.
  if (!Object.hasOwn(capabilityTable, capability)) return false;
  return (capabilityTable[capability] as readonly Role[]).includes(role);
}

export function capabilitiesOf(role: Role): Capability[] {
  return (Object.keys(capabilityTable) as Capability[]).filter((c) => can(role, c));
}
