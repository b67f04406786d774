/**
 * ⚠ SECURITY: how long the session cookie lives in the browser.
 *
 * next-auth 4 always writes the session cookie with `Expires` = now + session.maxAge (our
 * absolute limit), so by default it outlives the browser: a shared or borrowed computer
 * keeps the session after the window is closed. We rewrite its Set-Cookie on the way out
 * (app/api/auth/[...nextauth]/route.ts):
 *
 *  - by default a browser-session cookie (no Expires, no Max-Age): closing the browser ends it;
 *  - when the person ticked "Keep me signed in on this private device" at sign-in (the
 *    token's `remember` claim), Max-Age = what is left of the absolute limit.
 *
 * Either way the server still enforces the idle and absolute limits on every request
 * (session-policy.ts): the cookie's lifetime only decides whether the browser forgets it.
 */
import { getEnv } from "../env";
import { getAuthSecret } from "./secret";
import { sessionCookieName, useSecureCookies } from "./session-cookie";
import { decodeSessionJwt } from "./session-jwt";
import { parseSessionToken, type SessionToken } from "./session-token";

export type CookieLifetime = { persistent: false } | { persistent: true; maxAgeSeconds: number };

/** The lifetime a token's cookie gets: browser session, or the rest of the absolute limit. */
export function cookieLifetime(token: Pick<SessionToken, "remember" | "signedInAt"> | null, maxHours: number, now: number = Date.now()): CookieLifetime {
  if (!token?.remember) return { persistent: false };
  const remaining = Math.floor((token.signedInAt + maxHours * 3_600_000 - now) / 1000);
  return { persistent: true, maxAgeSeconds: Math.max(0, remaining) };
}

/** One Set-Cookie value with its Expires and Max-Age replaced by `lifetime`. Pure. */
export function withCookieLifetime(setCookie: string, lifetime: CookieLifetime): string {
  const [pair, ...attributes] = setCookie.split(";").map((part) => part.trim());
  const kept = attributes.filter((a) => a !== "" && !/^(expires|max-age)=/i.test(a));
  if (lifetime.persistent) kept.push(`Max-Age=${lifetime.maxAgeSeconds}`);
  return [pair, ...kept].join("; ");
}

function cookieNameAndValue(setCookie: string): { name: string; value: string } {
  const pair = setCookie.split(";", 1)[0] ?? "";
  const eq = pair.indexOf("=");
  return eq < 0 ? { name: pair.trim(), value: "" } : { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
}

async function lifetimeOf(value: string): Promise<CookieLifetime> {
  const decoded = await decodeSessionJwt(value, getAuthSecret());
  return cookieLifetime(parseSessionToken(decoded), getEnv().SESSION_MAX_HOURS);
}

/**
 * The response with every session-cookie Set-Cookie given its lifetime. Deletions (empty
 * value: sign-out, an expired session) are left as next-auth wrote them.
 */
export async function applySessionCookieLifetime(response: Response): Promise<Response> {
  const name = sessionCookieName();
  const setCookies = response.headers.getSetCookie();
  const isSession = (cookieName: string) => cookieName === name || cookieName.startsWith(`${name}.`);
  if (!setCookies.some((c) => isSession(cookieNameAndValue(c).name))) return response;

  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const setCookie of setCookies) {
    const { name: cookieName, value } = cookieNameAndValue(setCookie);
    if (!isSession(cookieName) || value === "") {
      headers.append("set-cookie", setCookie);
      continue;
    }
    // A chunked cookie (name.0, name.1…) cannot be decoded piece by piece: browser session.
    const lifetime = cookieName === name ? await lifetimeOf(value) : ({ persistent: false } as const);
    headers.append("set-cookie", withCookieLifetime(setCookie, lifetime));
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** A Set-Cookie for a session token we issue ourselves (a password change re-issues this session's). */
export function sessionSetCookie(value: string, token: Pick<SessionToken, "remember" | "signedInAt">): string {
  const base = `${sessionCookieName()}=${value}; Path=/; HttpOnly; SameSite=Lax${useSecureCookies() ? "; Secure" : ""}`;
  return withCookieLifetime(base, cookieLifetime(token, getEnv().SESSION_MAX_HOURS));
}
