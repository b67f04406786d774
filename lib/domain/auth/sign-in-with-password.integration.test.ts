import { describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client";
import { createPasswordUser } from "../mfa/test-fixtures";
import { signInWithPassword } from "./sign-in-with-password";

const origin = (ip: string) => ({ ip, userAgent: "vitest" });

describe("signInWithPassword", () => {
  it("accepts the right password, case-insensitive email, and audits it", async () => {
    const user = await signInWithPassword({ email: "  Guide@Demo.test ", password: "demo-password" }, origin("10.1.0.1"));
    expect(user).toMatchObject({ email: "guide@demo.test", role: "CARE_GUIDE" });
    const db = await getDb();
    const row = await db.auditLog.findFirst({ where: { actorId: user!.id, action: "auth.sign_in" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ outcome: "ALLOWED", ip: "10.1.0.1" });
  });

  it("answers null alike for a wrong password, an unknown account and bad input", async () => {
    expect(await signInWithPassword({ email: "nurse@demo.test", password: "nope" }, origin("10.1.0.2"))).toBeNull();
    expect(await signInWithPassword({ email: "ghost@demo.test", password: "demo-password" }, origin("10.1.0.2"))).toBeNull();
    expect(await signInWithPassword({ email: "not an email", password: "x" }, origin("10.1.0.2"))).toBeNull();
    expect(await signInWithPassword(null, origin("10.1.0.2"))).toBeNull();
  });

  it("locks an account after 5 failures, even for the right password", async () => {
    const email = "guide.b@demo.test";
    for (let i = 0; i < 5; i++) expect(await signInWithPassword({ email, password: `bad-${i}` }, origin(`10.2.0.${i}`))).toBeNull();
    expect(await signInWithPassword({ email, password: "demo-password" }, origin("10.2.0.99"))).toBeNull();
    const db = await getDb();
    const denied = await db.auditLog.count({ where: { action: "auth.sign_in", outcome: "DENIED", reason: "rate_limited" } });
    expect(denied).toBeGreaterThan(0);
  });

  it("holds the account limit against parallel guesses", async () => {
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { email: "member2@demo.test" } });
    const attempts = Array.from({ length: 20 }, (_, i) => signInWithPassword({ email: "member2@demo.test", password: `guess-${i}` }, origin(`10.5.0.${i}`)));
    expect(await Promise.all(attempts)).toEqual(Array(20).fill(null));
    // Only the first 5 reached the password check; the rest were refused before it.
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "auth.sign_in", reason: "bad_credentials" } })).toBe(5);
  });

  it("limits one address across accounts", async () => {
    const ip = "10.3.0.1";
    for (let i = 0; i < 20; i++) await signInWithPassword({ email: `ghost${i}@demo.test`, password: "x" }, origin(ip));
    expect(await signInWithPassword({ email: "doctor@demo.test", password: "demo-password" }, origin(ip))).toBeNull();
    expect(await signInWithPassword({ email: "doctor@demo.test", password: "demo-password" }, origin("10.3.0.2"))).not.toBeNull();
  });

  it("refuses a disabled account", async () => {
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { email: "member3@demo.test" } });
    await db.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    try {
      expect(await signInWithPassword({ email: "member3@demo.test", password: "demo-password" }, origin("10.4.0.1"))).toBeNull();
    } finally {
      await db.user.update({ where: { id: user.id }, data: { status: "ACTIVE" } });
    }
  });
});

describe("sign-in limits", () => {
  it("a success gives back only its own attempt: failures around it still add up", async () => {
    // People of their own: the limits are in the run's database, shared by every test file.
    const { email, password } = await createPasswordUser("CARE_GUIDE");
    const ip = (i: number) => origin(`10.6.0.${i}`);
    for (let i = 0; i < 3; i++) expect(await signInWithPassword({ email, password: `wrong-${i}` }, ip(i))).toBeNull();
    expect(await signInWithPassword({ email, password }, ip(10))).not.toBeNull();
    for (let i = 3; i < 5; i++) expect(await signInWithPassword({ email, password: `wrong-${i}` }, ip(i))).toBeNull();
    // Five failures in the window (a reset on success would have allowed five more).
    expect(await signInWithPassword({ email, password }, ip(11))).toBeNull();
  });

  it("two app instances share the budget, and a restart keeps it", async () => {
    const { email, password } = await createPasswordUser("NURSE");
    const ip = (i: number) => origin(`10.7.0.${i}`);
    // Each import after resetModules is a fresh module graph: a second instance's limiters.
    vi.resetModules();
    const a = (await import("./sign-in-with-password")).signInWithPassword;
    vi.resetModules();
    const b = (await import("./sign-in-with-password")).signInWithPassword;
    for (let i = 0; i < 5; i++) expect(await (i % 2 ? b : a)({ email, password: `wrong-${i}` }, ip(i))).toBeNull();
    expect(await a({ email, password }, ip(20))).toBeNull();
    expect(await b({ email, password }, ip(21))).toBeNull();
    vi.resetModules();
    const restarted = (await import("./sign-in-with-password")).signInWithPassword;
    expect(await restarted({ email, password }, ip(22))).toBeNull();
  });
});
