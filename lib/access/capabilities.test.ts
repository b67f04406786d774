import { describe, expect, it } from "vitest";
import { can, capabilitiesOf, capabilityTable, type Capability } from "./capabilities";
import { roles, type Role } from "./roles";

// The expected grants, written out again on purpose: a change to the table must be a
// deliberate change to this test too.
const expected: Record<Role, Capability[]> = {
  MEMBER: ["me.read", "thread.list", "thread.read", "thread.create", "message.send", "attachment.upload", "attachment.read", "notification.read", "events.subscribe", "audit.readOwnAccess"],
  CARE_GUIDE: ["me.read", "thread.list", "thread.read", "message.send", "message.sendInternal", "ticket.list", "ticket.read", "ticket.update", "memberContext.read", "attachment.upload", "attachment.read", "collaborator.add", "collaborator.remove", "emergencyAccess.request", "notification.read", "events.subscribe"],
  NURSE: ["me.read", "thread.list", "thread.read", "message.send", "message.sendInternal", "ticket.list", "ticket.read", "ticket.update", "memberContext.read", "attachment.upload", "attachment.read", "collaborator.add", "collaborator.remove", "emergencyAccess.request", "notification.read", "events.subscribe"],
  PHYSICIAN: ["me.read", "thread.list", "thread.read", "message.send", "message.sendInternal", "ticket.list", "ticket.read", "ticket.update", "memberContext.read", "attachment.upload", "attachment.read", "collaborator.add", "collaborator.remove", "emergencyAccess.request", "notification.read", "events.subscribe"],
  ADMIN: ["me.read", "team.manage", "user.manage", "apiClient.manage", "triage.view", "audit.verify"],
  COMPLIANCE: ["me.read", "emergencyAccess.review", "audit.read", "audit.verify"],
};

describe("capability table", () => {
  it.each(roles)("grants %s exactly its capabilities", (role) => {
    expect(capabilitiesOf(role).sort()).toEqual([...expected[role]].sort());
  });

  it("never lets admins or compliance read conversations", () => {
    for (const role of ["ADMIN", "COMPLIANCE"] as const) {
      for (const c of ["thread.read", "thread.list", "message.send", "memberContext.read", "attachment.read"] as const) {
        expect(can(role, c)).toBe(false);
      }
    }
  });

  it("never lets members see internal notes, tickets or other members' context", () => {
    for (const c of ["message.sendInternal", "ticket.list", "ticket.read", "ticket.update", "memberContext.read", "emergencyAccess.request", "audit.read"] as const) {
      expect(can("MEMBER", c)).toBe(false);
    }
  });

  it("denies a capability that is not in the table", () => {
    expect(can("ADMIN", "no.such.capability" as Capability)).toBe(false);
  });

  it("only names known roles", () => {
    for (const granted of Object.values(capabilityTable)) {
      for (const role of granted) expect(roles).toContain(role);
    }
  });
});
