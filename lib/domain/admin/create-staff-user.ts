import type { Actor } from "../../access/actor";
import { hashPassword } from "../../auth/password";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { isUniqueViolation, type UniqueKey } from "../messages/prisma-errors";
import { uuid7 } from "../shared/uuid7";
import { reloadPerson } from "./admin-person";
import { requireActiveTeams } from "./assignable-teams";
import { generateOneTimePassword } from "./one-time-password";
import { createStaffUserSchema, type CreateStaffUserInput, type CreatedStaffUser } from "./schemas";

const emailKey: UniqueKey = { model: "User", index: "users_email_key", fields: ["email"] };

function emailTaken(): AppError {
  return new AppError("CONFLICT", "An account with that email already exists.", [{ path: "email", message: "This email is already in use." }]);
}

/**
 * Creates a staff, admin or compliance account (POST /api/v1/admin/users) with its team
 * memberships. Nobody chooses its password: a one-time password is generated, returned
 * this once for the admin to hand over, and only its argon2id hash is kept; the person must
 * change it at first sign-in (users.password_change_required). Audited as `user.create`
 * and, per team, `team.staff_account_create` (never the password). Members are not
 * created here — they come with their plan enrollment (member number, plan, birth date).
 */
export async function createStaffUser(actor: Actor, input: CreateStaffUserInput): Promise<CreatedStaffUser> {
  await authorize(actor, "user.manage");
  const q = createStaffUserSchema.parse(input);
  const db = await getDb();
  if (await db.user.findUnique({ where: { email: q.email }, select: { id: true } })) throw emailTaken();
  const teamIds = await requireActiveTeams(db, q.teamIds);

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = new Date();
  const userId = uuid7(now.getTime());
  try {
    await db.$transaction([
      // ⚠ The person must change the one-time password before anything else (getActor's gate).
      db.user.create({
        data: { id: userId, email: q.email, name: q.name, role: q.role, passwordHash, passwordChangeRequired: true, createdAt: now },
        select: { id: true },
      }),
      db.teamMembership.createMany({ data: teamIds.map((teamId) => ({ teamId, userId, createdAt: now })) }),
      // ⚠ Never the password, not even in part.
      db.auditLog.create({
        data: auditRowData(actor, { action: "user.create", recordType: "user", recordId: userId, details: { role: q.role, teamIds } }),
        select: { id: true },
      }),
      // And as seen from each team: compliance can find every account made for a team.
      ...teamIds.map((teamId) =>
        db.auditLog.create({
          data: auditRowData(actor, { action: "team.staff_account_create", recordType: "team", recordId: teamId, details: { userId, role: q.role } }),
          select: { id: true },
        }),
      ),
    ]);
  } catch (error) {
    if (isUniqueViolation(error, emailKey)) throw emailTaken();
    throw error;
  }
  return { user: await reloadPerson(db, userId), oneTimePassword };
}
