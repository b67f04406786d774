import { describe, expect, it } from "vitest";
import { memberContextFieldsFor, memberContextFieldTable, memberContextFields, type MemberContextField } from "./member-context-fields";
import { roles, type Role } from "./roles";

// The expected grants, written out again on purpose: widening what a role sees about a
// member must be a deliberate change to this test too (minimum necessary, DESIGN.md §4).
const expected: Record<Role, MemberContextField[]> = {
  CARE_GUIDE: ["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "address", "plan", "deductible", "recentTickets"],
  NURSE: ["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "email", "plan", "healthTags", "recentTickets", "documents"],
  PHYSICIAN: ["name", "age", "dateOfBirth", "sex", "memberNumber", "phone", "healthTags", "recentTickets", "documents"],
  MEMBER: [],
  ADMIN: [],
  COMPLIANCE: [],
};

describe("member context field table", () => {
  it.each(roles)("grants %s exactly its fields", (role) => {
    expect([...memberContextFieldTable[role]].sort()).toEqual([...expected[role]].sort());
    expect([...memberContextFieldsFor(role)].sort()).toEqual([...expected[role]].sort());
  });

  it("covers every role, and names only known fields", () => {
    expect(Object.keys(memberContextFieldTable).sort()).toEqual([...roles].sort());
    for (const granted of Object.values(memberContextFieldTable)) {
      for (const field of granted) expect(memberContextFields).toContain(field);
      expect(new Set(granted).size).toBe(granted.length);
    }
  });

  it("gives the member's document library to nurses and physicians only", () => {
    const withDocuments = roles.filter((role) => memberContextFieldsFor(role).has("documents"));
    expect(withDocuments.sort()).toEqual(["NURSE", "PHYSICIAN"]);
  });

  it("gives health tags to nurses and physicians only", () => {
    const withTags = roles.filter((role) => memberContextFieldsFor(role).has("healthTags"));
    expect(withTags.sort()).toEqual(["NURSE", "PHYSICIAN"]);
  });

  it("keeps the home address and the member's spending from clinicians, and the plan from physicians", () => {
    for (const role of ["NURSE", "PHYSICIAN"] as const) {
      expect(memberContextFieldsFor(role).has("address")).toBe(false);
      expect(memberContextFieldsFor(role).has("deductible")).toBe(false);
    }
    expect(memberContextFieldsFor("PHYSICIAN").has("plan")).toBe(false);
    expect(memberContextFieldsFor("PHYSICIAN").has("email")).toBe(false);
  });

  it.each(["MEMBER", "ADMIN", "COMPLIANCE"] as const)("gives %s nothing at all", (role) => {
    expect(memberContextFieldsFor(role).size).toBe(0);
  });

  it("answers with a fresh set, so a caller cannot widen the table", () => {
    const set = memberContextFieldsFor("PHYSICIAN") as Set<MemberContextField>;
    set.add("address");
    expect(memberContextFieldsFor("PHYSICIAN").has("address")).toBe(false);
  });
});
