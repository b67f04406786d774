import { describe, expect, it } from "vitest";
import { changePasswordSchema } from "./schemas";

const issues = (input: unknown) => {
  const parsed = changePasswordSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
};

describe("the password policy", () => {
  it("takes a long password of any characters, spaces included", () => {
    expect(issues({ currentPassword: "old", newPassword: "correct horse battery staple" })).toEqual([]);
    expect(issues({ currentPassword: "old", newPassword: "ünïcødé-päss-wörd" })).toEqual([]);
  });

  it("refuses short ones, one character repeated, NUL, the current one and unknown fields", () => {
    expect(issues({ currentPassword: "old", newPassword: "short" })).toEqual(["newPassword"]);
    expect(issues({ currentPassword: "old", newPassword: "aaaaaaaaaaaaaaaa" })).toEqual(["newPassword"]);
    expect(issues({ currentPassword: "old", newPassword: "abababababababab" })).toEqual(["newPassword"]);
    expect(issues({ currentPassword: "old", newPassword: "a long pass\u0000word" })).toEqual(["newPassword"]);
    expect(issues({ currentPassword: "the same long one", newPassword: "the same long one" })).toEqual(["newPassword"]);
    expect(issues({ currentPassword: "", newPassword: "correct horse battery staple" })).toEqual(["currentPassword"]);
    expect(issues({ currentPassword: "old", newPassword: "x".repeat(257) })).toContain("newPassword");
    expect(issues({ currentPassword: "old", newPassword: "correct horse battery staple", role: "ADMIN" })).toEqual([""]);
  });
});
