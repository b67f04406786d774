/** Integration-test helpers: people with a known password, and with two-step sign-in on. */
import { randomUUID } from "node:crypto";
import { unknownOrigin, type Actor } from "../../access/actor";
import type { Role } from "../../access/roles";
import { hashPassword } from "../../auth/password";
import { base32Decode, totp } from "../../auth/totp";
import { getDb } from "../../db/client";
import { unsafeLoadActor } from "../auth/unsafe-load-actor";
import { confirmMfaEnrolment } from "./confirm-mfa-enrolment";
import { startMfaEnrolment } from "./start-mfa-enrolment";

export const testPassword = "mfa-test-password";

export async function createPasswordUser(role: Role = "NURSE", ip = "127.0.0.1") {
  const db = await getDb();
  const email = `mfa.${randomUUID().slice(0, 12)}@test.example`;
  const user = await db.user.create({ data: { email, name: "Mfa Tester", role, passwordHash: await hashPassword(testPassword) } });
  const actor = (await unsafeLoadActor(user.id, { ...unknownOrigin, ip, userAgent: "vitest" })) as Actor;
  return { user, actor, email, password: testPassword };
}

/** A staff account with two-step sign-in on (enrolled through the real operations). */
export async function createEnrolledUser(role: Role = "NURSE", ip = "127.0.0.1") {
  const created = await createPasswordUser(role, ip);
  const enrolment = await startMfaEnrolment(created.actor);
  const secret = base32Decode(enrolment.secret);
  const enrolCode = totp(secret, Date.now());
  const { recoveryCodes } = await confirmMfaEnrolment(created.actor, { code: enrolCode });
  return { ...created, enrolment, secret, enrolCode, recoveryCodes };
}

/** The code of the next time step: accepted now (window +1) and after the enrolment's. */
export function nextCode(secret: Uint8Array): string {
  return totp(secret, Date.now() + 30_000);
}
