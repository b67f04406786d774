/**
 * ⚠ SECURITY: a new session cookie for THIS browser after an operation that cut off every
 * session of the account (a password change): the same person, role and "keep me signed
 * in" choice, with a sign-in time at or after the cut-off, so this session carries on and
 * every other one — including any copy of the old cookie — has ended.
 */
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import type { Actor } from "../access/actor";
import { getEnv } from "../env";
import { getAuthSecret } from "./secret";
import { sessionCookieName } from "./session-cookie";
import { sessionSetCookie } from "./session-cookie-lifetime";
import { decodeSessionJwt } from "./session-jwt";
import { parseSessionToken, type SessionToken } from "./session-token";

/** The Set-Cookie value, or null when this request carried no session of this actor. */
export async function reissueSessionCookie(actor: Actor, cutOff: Date): Promise<string | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  const current = raw ? parseSessionToken(await decodeSessionJwt(raw, getAuthSecret())) : null;
  if (!current || current.sub !== actor.userId) return null;
  const signedInAt = Math.max(Date.now(), cutOff.getTime());
  const token: SessionToken = { sub: actor.userId, role: actor.role, signedInAt, lastActiveAt: signedInAt, remember: current.remember ?? false };
  const value = await encode({ token: token as never, secret: getAuthSecret(), maxAge: getEnv().SESSION_MAX_HOURS * 3600 });
  return sessionSetCookie(value, token);
}
