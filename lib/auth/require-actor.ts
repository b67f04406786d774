/**
 * Page guards. A signed-out visitor is sent to sign in; a signed-in user whose role does
 * not belong on a face gets a plain 404 — the page reveals nothing, not even that it exists.
 * A staff user who must set up two-step sign-in first (REQUIRE_STAFF_MFA) is sent to it.
 */
import { notFound, redirect } from "next/navigation";
import type { Actor } from "../access/actor";
import type { Role } from "../access/roles";
import { MFA_SETUP_PATH } from "../domain/mfa/schemas";
import { getActor, getActorForMfaSetup } from "./get-actor";
import { isMfaSetupRequired } from "./mfa-setup-required";

export async function requireActor(allowed?: readonly Role[]): Promise<Actor> {
  let actor: Actor | null;
  try {
    actor = await getActor();
  } catch (error) {
    if (isMfaSetupRequired(error)) redirect(MFA_SETUP_PATH);
    throw error;
  }
  if (!actor) redirect("/sign-in");
  if (allowed && !allowed.includes(actor.role)) notFound();
  return actor;
}

/** The two-step set-up page's guard: signed in (set-up may be pending), by a browser session. */
export async function requireActorForMfaSetup(): Promise<{ actor: Actor; mfaSetupRequired: boolean }> {
  const resolved = await getActorForMfaSetup();
  if (!resolved) redirect("/sign-in");
  return resolved;
}
