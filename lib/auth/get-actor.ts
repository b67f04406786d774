/**
 * ⚠ SECURITY: getActor() — who is making this request. Built on the server from the
 * session cookie (or an API key) and the database; never from client input.
 *
 *  - `Authorization: Bearer <key>` → the API client's service user. A malformed or unknown
 *    key yields no actor (we never fall back to the cookie when a key was offered).
 *  - Otherwise the next-auth session cookie, decrypted here, with the idle and absolute
 *    limits checked on every request.
 *
 * Gates, in this order:
 *  1. A one-time password (an administrator created the account or reset its password):
 *     getActor() throws PasswordChangeRequiredError (403 "Change your one-time password
 *     first." in the API, a redirect to the change-password page on pages). Only that page
 *     and POST /api/v1/me/password use getActorForPasswordChange(), which lets it through.
 *  2. Two-step sign-in (REQUIRE_STAFF_MFA, or an administrator reset the second factor): a
 *     staff session whose account has not set it up gets no ordinary actor — getActor()
 *     throws MfaSetupRequiredError (403 in the API, a redirect to the set-up page on pages).
 *     Only the set-up page and its API routes use getActorForMfaSetup(), which lets such a
 *     session through (but not one that must change its password first).
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import type { Actor } from "../access/actor";
import { unsafeLoadApiClientActor } from "../domain/auth/unsafe-load-api-client-actor";
import { unsafeLoadSessionActor, type SessionActor } from "../domain/auth/unsafe-load-session-actor";
import { MfaSetupRequiredError } from "./mfa-setup-required";
import { PasswordChangeRequiredError } from "./password-change-required";
import { sessionLimits } from "./options";
import { originFromHeaders } from "./request-origin";
import { getAuthSecret } from "./secret";
import { decodeSessionJwt } from "./session-jwt";
import { sessionCookieName } from "./session-cookie";
import { isSessionExpired } from "./session-policy";
import { parseSessionToken } from "./session-token";

/** The request's actor and whether it must set up two-step sign-in first. */
const resolveRequestActor = cache(async (): Promise<SessionActor | null> => {
  const h = await headers();
  const origin = originFromHeaders(h);

  const authorization = h.get("authorization");
  if (authorization !== null) {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const actor = key ? await unsafeLoadApiClientActor(key, origin) : null;
    // API keys are a credential of their own (no password to phish); never gated here.
    return actor ? { actor, mfaSetupRequired: false, passwordChangeRequired: false } : null;
  }

  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  // ⚠ SECURITY: claims parsed strictly (session-token.ts); a token that does not parse is no session.
  const token = parseSessionToken(await decodeSessionJwt(raw, getAuthSecret()));
  if (!token || isSessionExpired(token, sessionLimits())) return null;

  const loaded = await unsafeLoadSessionActor(token.sub, origin, { sessionStartedAt: token.signedInAt });
  // The role in the token must still be the user's role; a changed role needs a new sign-in.
  if (!loaded || loaded.actor.role !== token.role) return null;
  return loaded;
});

export const getActor = cache(async (): Promise<Actor | null> => {
  const resolved = await resolveRequestActor();
  if (!resolved) return null;
  if (resolved.passwordChangeRequired) throw new PasswordChangeRequiredError();
  if (resolved.mfaSetupRequired) throw new MfaSetupRequiredError();
  return resolved.actor;
});

/**
 * For the two-step set-up page and /api/v1/me/mfa/** only: the actor even while set-up is
 * required, with that fact. Everything else calls getActor().
 */
export const getActorForMfaSetup = cache(async (): Promise<SessionActor | null> => {
  const resolved = await resolveRequestActor();
  if (resolved?.passwordChangeRequired) throw new PasswordChangeRequiredError();
  return resolved;
});

/**
 * For the change-password page and POST /api/v1/me/password only: the actor even while a
 * one-time password must be changed (or two-step set-up is pending), with those facts.
 */
export const getActorForPasswordChange = resolveRequestActor;
