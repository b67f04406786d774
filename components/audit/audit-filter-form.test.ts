import { describe, expect, it } from "vitest";
import { auditFiltersFromForm, queryString, readAuditFilterForm } from "./audit-filter-form";

const empty = { member: "", actor: "", action: "", from: "", to: "", cursor: "" };

describe("audit filter form", () => {
  it("reads the first value of each field, trimmed", () => {
    expect(readAuditFilterForm({ member: "  CNC-1 ", action: ["a", "b"], extra: "x" })).toEqual({ ...empty, member: "CNC-1", action: "a" });
  });

  it("turns whole UTC days into an inclusive period", () => {
    expect(auditFiltersFromForm({ ...empty, from: "2026-03-01", to: "2026-03-02" })).toEqual({
      values: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-02T23:59:59.999Z" },
      invalid: [],
    });
  });

  it("reports values it cannot read instead of dropping them", () => {
    const { values, invalid } = auditFiltersFromForm({ ...empty, actor: "nobody", from: "yesterday", to: "2026-02-30", cursor: "-1" });
    expect(values).toEqual({});
    expect(invalid).toEqual(["staff member", "from", "to", "page"]);
  });

  it("passes a staff id, an action and a cursor through", () => {
    const actor = "0190a1b2-0000-7000-8000-000000000001";
    expect(auditFiltersFromForm({ ...empty, actor, action: "thread.read", cursor: "123" }).values).toEqual({ actorId: actor, action: "thread.read", cursor: "123" });
  });

  it("builds query strings of the non-empty entries", () => {
    expect(queryString({ a: "1", b: "", c: undefined, d: "x y" })).toBe("?a=1&d=x+y");
    expect(queryString({})).toBe("");
  });
});
