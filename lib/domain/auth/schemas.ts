// Input schemas of the auth area. No server-only imports: forms reuse them.
import { z } from "zod";
import { textSchema } from "../shared/text";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  // Never trimmed, normalised or filtered (lib/domain/shared/text.ts does not apply): the
  // password is only ever hashed, and any change would lock out a password set before.
  password: z.string().min(1).max(512),
  /** The second step of two-step sign-in: 6 digits or a recovery code; empty = not given. One line, no controls (shared text rules). */
  code: textSchema({ max: 64 }).optional(),
});

/** Where a person changes the one-time password an administrator handed over. */
export const PASSWORD_CHANGE_PATH = "/account/password";
export const PASSWORD_CHANGE_REQUIRED_MESSAGE = "Change your one-time password first.";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The password policy (NIST SP 800-63B's advice): long rather than complex — at least 12
 * characters, any characters, spaces allowed, pasting allowed; not one character repeated;
 * not the current password. The server also refuses one containing the account's email
 * name (change-own-password.ts: the form does not know it).
 */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  .refine((v) => v.includes("\u0000") === false, "The password cannot contain that character.")
  .refine((v) => new Set(v).size > 3, "Use more than a few different characters.");

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1, "Enter your current password.").max(512),
    newPassword: newPasswordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "Choose a password different from the current one.", path: ["newPassword"] });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
