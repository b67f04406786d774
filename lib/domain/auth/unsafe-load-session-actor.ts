/**
 * ⚠ SECURITY: the actor of a browser session (a verified session token's user id), with
 * its gates decided: `passwordChangeRequired` when an administrator created the account or
 * reset its password (the one-time password must be changed first), `mfaSetupRequired`
 * when the account may do nothing but set up two-step sign-in (REQUIRE_STAFF_MFA, or an
 * administrator reset its second factor). lib/auth/get-actor.ts refuses such an actor
 * everywhere except the change-password and set-up pages and their API. `unsafe` for the reasons of
 * unsafe-load-actor.ts.
 */
import type { Actor, RequestOrigin } from "../../access/actor";
import { getEnv } from "../../env";
import { mfaSetupRequired } from "../mfa/policy";
import { unsafeLoadActorWithMfa } from "./unsafe-load-actor";

export type SessionActor = { actor: Actor; mfaSetupRequired: boolean; passwordChangeRequired: boolean };

export async function unsafeLoadSessionActor(userId: string, origin: RequestOrigin, options: { sessionStartedAt: number }): Promise<SessionActor | null> {
  const loaded = await unsafeLoadActorWithMfa(userId, origin, { sessionStartedAt: options.sessionStartedAt });
  if (!loaded) return null;
  const required = mfaSetupRequired(
    { role: loaded.actor.role, mfaEnabled: loaded.mfaEnabled, viaApiKey: false, enrolmentRequired: loaded.mfaEnrolmentRequired },
    getEnv().REQUIRE_STAFF_MFA,
  );
  return { actor: loaded.actor, mfaSetupRequired: required, passwordChangeRequired: loaded.passwordChangeRequired };
}
