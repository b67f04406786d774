/**
 * ⚠ SECURITY: how an open event stream checks its receiver again (every ~20 s and when its
 * scope changes). A stream outlives the request that opened it, so getActor() (bound to
 * that request) cannot be asked again; the same checks are applied to the credentials the
 * stream was opened with:
 *  - a session: the token's idle and absolute limits, then the account as getActor loads it
 *    (disabled, signed out everywhere, or a changed role → no actor);
 *  - an API key: the key and its service user as on every request (revoked → no actor).
 * No actor closes the stream; the browser reconnects with its current cookie, which is
 * checked afresh (a session kept alive by real activity carries a newer token).
 */
import type { Actor, RequestOrigin } from "../access/actor";
import { unsafeLoadSessionActor } from "../domain/auth/unsafe-load-session-actor";
import { unsafeLoadApiClientActor } from "../domain/auth/unsafe-load-api-client-actor";
import { sessionLimits } from "../auth/options";
import { getAuthSecret } from "../auth/secret";
import { sessionCookieName } from "../auth/session-cookie";
import { decodeSessionJwt } from "../auth/session-jwt";
import { parseSessionToken } from "../auth/session-token";
import { isSessionExpired } from "../auth/session-policy";

type HeaderGetter = { get(name: string): string | null };

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** A re-check for the stream opened by `actor` with these request headers. */
export async function streamRecheck(headers: HeaderGetter, actor: Actor, origin: RequestOrigin): Promise<() => Promise<Actor | null>> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? "";
    return async () => (key ? unsafeLoadApiClientActor(key, origin) : null);
  }
  const raw = cookieValue(headers.get("cookie"), sessionCookieName());
  // ⚠ SECURITY: claims parsed strictly (lib/auth/session-token.ts), as getActor() does.
  const token = raw ? parseSessionToken(await decodeSessionJwt(raw, getAuthSecret())) : null;
  if (!token || token.sub !== actor.userId) return async () => null;
  const times = { role: actor.role, signedInAt: token.signedInAt, lastActiveAt: token.lastActiveAt };
  return async () => {
    if (isSessionExpired(times, sessionLimits())) return null;
    // The same loader as getActor: a session that must still set up two-step sign-in, or
    // change its one-time password, is closed.
    const loaded = await unsafeLoadSessionActor(actor.userId, origin, { sessionStartedAt: times.signedInAt });
    return loaded && !loaded.mfaSetupRequired && !loaded.passwordChangeRequired && loaded.actor.role === actor.role ? loaded.actor : null;
  };
}
