import { describe, expect, it } from "vitest";
import { signInSchema } from "../auth/schemas";
import { generateOneTimePassword } from "./one-time-password";

describe("generateOneTimePassword", () => {
  it("makes four groups of five unambiguous characters that sign-in accepts", () => {
    const password = generateOneTimePassword();
    expect(password).toMatch(/^[a-hjkmnp-zA-HJ-NP-Z2-9]{5}(-[a-hjkmnp-zA-HJ-NP-Z2-9]{5}){3}$/);
    expect(signInSchema.safeParse({ email: "a@b.test", password }).success).toBe(true);
  });

  it("never repeats", () => {
    const seen = new Set(Array.from({ length: 500 }, generateOneTimePassword));
    expect(seen.size).toBe(500);
  });
});
