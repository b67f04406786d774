import { describe, expect, it } from "vitest";
import { roles } from "../../access/roles";
import { isMfaRole, mfaSetupRequired } from "./policy";

describe("two-step sign-in policy", () => {
  it("is for every staff role, never members", () => {
    expect(roles.filter(isMfaRole)).toEqual(["CARE_GUIDE", "NURSE", "PHYSICIAN", "ADMIN", "COMPLIANCE"]);
    expect(isMfaRole("MEMBER")).toBe(false);
  });

  it("gates an unenrolled staff session only when REQUIRE_STAFF_MFA is on", () => {
    for (const role of ["CARE_GUIDE", "NURSE", "PHYSICIAN", "ADMIN", "COMPLIANCE"] as const) {
      expect(mfaSetupRequired({ role, mfaEnabled: false, viaApiKey: false }, true)).toBe(true);
      expect(mfaSetupRequired({ role, mfaEnabled: true, viaApiKey: false }, true)).toBe(false);
      expect(mfaSetupRequired({ role, mfaEnabled: false, viaApiKey: false }, false)).toBe(false);
    }
  });

  it("gates an account whose second factor an administrator reset, whatever REQUIRE_STAFF_MFA says", () => {
    expect(mfaSetupRequired({ role: "NURSE", mfaEnabled: false, viaApiKey: false, enrolmentRequired: true }, false)).toBe(true);
    expect(mfaSetupRequired({ role: "NURSE", mfaEnabled: true, viaApiKey: false, enrolmentRequired: true }, false)).toBe(false);
    expect(mfaSetupRequired({ role: "NURSE", mfaEnabled: false, viaApiKey: true, enrolmentRequired: true }, false)).toBe(false);
  });

  it("never gates members or API keys", () => {
    expect(mfaSetupRequired({ role: "MEMBER", mfaEnabled: false, viaApiKey: false }, true)).toBe(false);
    expect(mfaSetupRequired({ role: "PHYSICIAN", mfaEnabled: false, viaApiKey: true }, true)).toBe(false);
  });
});
