/**
 * Page guards. A signed-out visitor is sent to sign in; a signed-in user whose role does
 * not belong on a face gets a plain 404 — the page reveals nothing, not even that it exists.
 * A person who must change a one-time password first is sent to do that, and a staff user
 * who must set up two-step sign-in first (REQUIRE_STAFF_MFA) is sent to it.
 */
import { notFound, redirect } from "next/navigation";
import type { Actor } from "../access/actor";
import type { Role } from "../access/roles";
import { MFA_SETUP_PATH } from "../domain/mfa/schemas";
import type { SessionActor } from "../domain/auth/unsafe-load-session-actor";
import { getActor, getActorForMfaSetup, getActorForPasswordChange } from "./get-actor";
import { isMfaSetupRequired } from "./mfa-setup-required";
import { isPasswordChangeRequired, redirectToPasswordChange } from "./password-change-required";

export async function requireActor(allowed?: readonly Role[]): Promise<Actor> {
  let actor: Actor | null;
  try {
    actor = await getActor();
  } catch (error) {
    if (isPasswordChangeRequired(error)) redirectToPasswordChange();
    if (isMfaSetupRequired(error)) redirect(MFA_SETUP_PATH);
    throw error;
  }
  if (!actor) redirect("/sign-in");
  if (allowed && !allowed.includes(actor.role)) notFound();
  return actor;
}

/** The two-step set-up page's guard: signed in (set-up may be pending), by a browser session. */
export async function requireActorForMfaSetup(): Promise<{ actor: Actor; mfaSetupRequired: boolean }> {
  let resolved: SessionActor | null;
  try {
    resolved = await getActorForMfaSetup();
  } catch (error) {
    if (isPasswordChangeRequired(error)) redirectToPasswordChange();
    throw error;
  }
  if (!resolved) redirect("/sign-in");
  return resolved;
}

/** The change-password page's guard: signed in by a browser session (gates may be pending). */
export async function requireActorForPasswordChange(): Promise<SessionActor> {
  const resolved = await getActorForPasswordChange();
  if (!resolved) redirect("/sign-in");
  return resolved;
}
