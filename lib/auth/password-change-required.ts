/**
 * ⚠ SECURITY: what getActor() throws for a session whose account still has the one-time
 * password an administrator handed over (new staff account, password reset). Like
 * MfaSetupRequiredError (mfa-setup-required.ts): a 403 problem+json in the API ("Change
 * your one-time password first."), a redirect to the change-password page on pages.
 */
import { RedirectType, redirect } from "next/navigation";
import { AppError } from "../errors";
import { PASSWORD_CHANGE_PATH, PASSWORD_CHANGE_REQUIRED_MESSAGE } from "../domain/auth/schemas";
import { redirectDigest } from "./mfa-setup-required";

export class PasswordChangeRequiredError extends AppError {
  readonly digest: string;

  constructor() {
    super("FORBIDDEN", PASSWORD_CHANGE_REQUIRED_MESSAGE);
    this.name = "PasswordChangeRequiredError";
    this.digest = redirectDigest(PASSWORD_CHANGE_PATH);
  }
}

export function isPasswordChangeRequired(error: unknown): error is PasswordChangeRequiredError {
  return error instanceof PasswordChangeRequiredError;
}

/** For a page's own use: send the person to change the one-time password. */
export function redirectToPasswordChange(): never {
  redirect(PASSWORD_CHANGE_PATH, RedirectType.replace);
}
