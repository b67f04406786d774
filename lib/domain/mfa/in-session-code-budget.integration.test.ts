// A stolen session cookie must not lock the owner out (issue 9, item 11): codes checked
// inside a session spend a budget of their own, and when it runs out every session of the
// account ends (the stolen one included) while the owner's sign-in budget is untouched.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors";
import { getDb } from "../../db/client";
import { signIn } from "../auth/sign-in";
import { IN_SESSION_CHECK_ATTEMPTS } from "../auth/in-session-check-limiter";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { disableMfa } from "./disable-mfa";
import { getMfaStatus } from "./get-mfa-status";
import { renewRecoveryCodes } from "./renew-recovery-codes";
import { createEnrolledUser, nextCode } from "./test-fixtures";

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe("codes checked inside a session", () => {
  it("have their own budget: its end ends every session, and the owner still signs in", async () => {
    const { user, actor, email, password, secret } = await createEnrolledUser("NURSE", "10.80.0.1");
    await sleep(5);
    const stolenSessionStartedAt = Date.now();
    await sleep(5);

    // The thief's wrong codes: the last attempt of the budget ends the session.
    for (let i = 1; i < IN_SESSION_CHECK_ATTEMPTS; i++) {
      expect((await errorOf(disableMfa(actor, { code: `00000${i}` }))).code).toBe("INVALID_INPUT");
    }
    expect(await unsafeLoadActor(user.id, actor.origin, { sessionStartedAt: stolenSessionStartedAt })).not.toBeNull();
    expect(await errorOf(disableMfa(actor, { code: "000009" }))).toEqual({
      code: "UNAUTHENTICATED",
      message: "Too many wrong attempts: you have been signed out. Sign in again.",
    });
    expect(await unsafeLoadActor(user.id, actor.origin, { sessionStartedAt: stolenSessionStartedAt })).toBeNull();
    expect((await getMfaStatus(actor)).enabled).toBe(true);

    const db = await getDb();
    const ended = await db.auditLog.findMany({ where: { actorId: user.id, reason: "in_session_checks_exhausted" }, orderBy: { id: "asc" } });
    expect(ended.map((r) => [r.action, r.outcome])).toEqual([
      ["mfa.verify", "DENIED"],
      ["auth.sign_out", "ALLOWED"],
    ]);

    // The owner's sign-in budget was never touched: password and code sign in at once.
    expect(await signIn({ email, password, code: nextCode(secret) }, { ip: "10.80.0.9", userAgent: "vitest" })).toMatchObject({ kind: "signed_in" });

    // And their new session starts with a full in-session budget.
    await sleep(5);
    const fresh = (await unsafeLoadActor(user.id, actor.origin, { sessionStartedAt: Date.now() }))!;
    expect((await errorOf(renewRecoveryCodes(fresh, { code: "000001" }))).code).toBe("INVALID_INPUT");
  });

  it("a right code gives its attempt back", async () => {
    const { actor, secret } = await createEnrolledUser("CARE_GUIDE", "10.81.0.1");
    for (let i = 1; i < IN_SESSION_CHECK_ATTEMPTS - 1; i++) {
      expect((await errorOf(renewRecoveryCodes(actor, { code: `00000${i}` }))).code).toBe("INVALID_INPUT");
    }
    // Two attempts left. A right code takes one and gives it back…
    await renewRecoveryCodes(actor, { code: nextCode(secret) });
    // …so one more wrong code is a plain "did not work", and the next one ends the session.
    expect((await errorOf(renewRecoveryCodes(actor, { code: "000008" }))).code).toBe("INVALID_INPUT");
    expect((await errorOf(renewRecoveryCodes(actor, { code: "000009" }))).code).toBe("UNAUTHENTICATED");
  });
});
