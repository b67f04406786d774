/**
 * ⚠ SECURITY: getActor() — who is making this request. Built on the server from the
 * session cookie (or an API key) and the database; never from client input.
 *
 *  - `Authorization: Bearer <key>` → the API client's service user. A malformed or unknown
 *    key yields no actor (we never fall back to the cookie when a key was offered).
 *  - Otherwise the next-auth session cookie, decrypted here, with the idle and absolute
 *    limits checked on every request.
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { decode } from "next-auth/jwt";
import type { Actor } from "../access/actor";
import { unsafeLoadActor } from "../domain/auth/unsafe-load-actor";
import { unsafeLoadApiClientActor } from "../domain/auth/unsafe-load-api-client-actor";
import { roles, type Role } from "../access/roles";
import { sessionLimits, type ConciergeToken } from "./options";
import { originFromHeaders } from "./request-origin";
import { getAuthSecret } from "./secret";
import { sessionCookieName } from "./session-cookie";
import { isSessionExpired } from "./session-policy";

export const getActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  const origin = originFromHeaders(h);

  const authorization = h.get("authorization");
  if (authorization !== null) {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    return key ? unsafeLoadApiClientActor(key, origin) : null;
  }

  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  const token = (await decode({ token: raw, secret: getAuthSecret() }).catch(() => null)) as ConciergeToken | null;
  if (!token?.sub || !token.role || !roles.includes(token.role as Role) || !token.signedInAt || !token.lastActiveAt) return null;
  if (isSessionExpired({ role: token.role, signedInAt: token.signedInAt, lastActiveAt: token.lastActiveAt }, sessionLimits())) return null;

  const actor = await unsafeLoadActor(token.sub, origin, { sessionStartedAt: token.signedInAt });
  // The role in the token must still be the user's role; a changed role needs a new sign-in.
  if (!actor || actor.role !== token.role) return null;
  return actor;
});
