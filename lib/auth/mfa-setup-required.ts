/**
 * ⚠ SECURITY: what getActor() throws for a staff session that must set up two-step sign-in
 * first (REQUIRE_STAFF_MFA). Failing closed by throwing, not by answering null, keeps every
 * caller honest, and the one error reads right in both places it can land:
 *
 *  - API v1 (lib/http/api-route.ts): an AppError FORBIDDEN → 403 problem+json, detail
 *    "Set up two-step sign-in first.".
 *  - Pages (any server component that calls getActor(), requireActor() or not): it also
 *    carries the digest of Next.js's own redirect error for the set-up page, which Next
 *    recognises by that digest alone — so the page redirects instead of failing. The
 *    digest is taken from a real redirect() call, never written by hand.
 */
import { redirect, RedirectType } from "next/navigation";
import { AppError } from "../errors";
import { MFA_SETUP_PATH, MFA_SETUP_REQUIRED_MESSAGE } from "../domain/mfa/schemas";

/** The digest of Next.js's own redirect error for `path` (also used by password-change-required.ts). */
export function redirectDigest(path: string): string {
  try {
    redirect(path, RedirectType.replace);
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest === "string") return digest;
  }
  throw new Error("next/navigation redirect() did not throw a redirect error");
}

export class MfaSetupRequiredError extends AppError {
  readonly digest: string;

  constructor() {
    super("FORBIDDEN", MFA_SETUP_REQUIRED_MESSAGE);
    this.name = "MfaSetupRequiredError";
    this.digest = redirectDigest(MFA_SETUP_PATH);
  }
}

export function isMfaSetupRequired(error: unknown): error is MfaSetupRequiredError {
  return error instanceof MfaSetupRequiredError;
}
