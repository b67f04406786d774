/**
 * ⚠ SECURITY: verifies an email and password for next-auth's credentials provider.
 *
 * Every failure looks the same to the caller (null): unknown email, wrong password,
 * disabled account, or too many failures. Unknown emails still pay for a hash check, so
 * timing does not reveal which accounts exist. Each attempt is audited.
 */
import type { RequestOrigin } from "../../access/actor";
import type { Role } from "../../access/roles";
import { verifyPassword } from "../../auth/password";
import { recordSignInSuccess, takeSignInAttempt } from "../../auth/sign-in-limiter";
import { getDb } from "../../db/client";
import { auditRowData } from "../audit/audit-row-data";
import { recordAudit } from "../audit/record-audit";
import { signInSchema } from "./schemas";


export type SignedInUser = { id: string; role: Role; name: string; email: string };

export async function signInWithPassword(input: unknown, origin: RequestOrigin): Promise<SignedInUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const address = origin.ip ?? "unknown";
  const db = await getDb();

  if (!(await takeSignInAttempt(email, address))) {
    await recordAudit(db, null, { action: "auth.sign_in", outcome: "DENIED", reason: "rate_limited" }, origin);
    return null;
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, name: true, email: true, status: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.status !== "ACTIVE") {
    const actor = user ? { userId: user.id, role: user.role, origin } : null;
    await recordAudit(db, actor, { action: "auth.sign_in", outcome: "DENIED", reason: user ? "bad_credentials" : "unknown_account" }, origin);
    return null;
  }

  await recordSignInSuccess(email, address);
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
    db.auditLog.create({ data: auditRowData({ userId: user.id, role: user.role, origin }, { action: "auth.sign_in" }) }),
  ]);
  return { id: user.id, role: user.role, name: user.name, email: user.email };
}
