// Input schemas and views of two-step sign-in. No server-only imports: forms reuse them.
import { z } from "zod";
import { textSchema } from "../shared/text";

/** The first code, which proves the authenticator app holds the secret. */
export const confirmMfaEnrolmentSchema = z.strictObject({
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.")),
});

/** A code from the authenticator app (6 digits) or one of the recovery codes. */
export const mfaCodeSchema = z.strictObject({
  code: textSchema({ min: 6, max: 64, minMessage: "Enter a 6-digit code or a recovery code." }),
});

export type MfaStatus = {
  /** This role may use two-step sign-in (staff, admins, compliance). */
  available: boolean;
  /** REQUIRE_STAFF_MFA applies to this account. */
  required: boolean;
  enabled: boolean;
  enabledAt: string | null;
  /** Recovery codes not used yet (0 when off). */
  recoveryCodesRemaining: number;
};

export type MfaEnrolment = {
  /** base32, as authenticator apps take it when typed. */
  secret: string;
  /** The same in groups of four, for reading aloud or typing. */
  secretGrouped: string;
  /** otpauth://totp/…, what a QR code would carry. */
  otpauthUri: string;
  issuer: string;
  account: string;
};

export type RecoveryCodes = { recoveryCodes: string[] };

/** The answer of the sign-in step when the password was right and a code is needed. */
export const MFA_CODE_REQUIRED = "MfaCodeRequired";
export const MFA_SETUP_REQUIRED_MESSAGE = "Set up two-step sign-in first.";
/** Where staff set up two-step sign-in. */
export const MFA_SETUP_PATH = "/account/two-step";
