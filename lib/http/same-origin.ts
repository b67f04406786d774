/**
 * ⚠ SECURITY: CSRF defence for cookie-authenticated writes.
 *
 * The session cookie is sent by the browser with any request to our host, including one a
 * hostile page makes. So a write (POST/PUT/PATCH/DELETE) that would be authenticated by
 * the cookie must carry an `Origin` header naming this app; browsers always send Origin on
 * such requests and a page cannot forge it. A missing Origin, `Origin: null` or any other
 * origin is refused before the actor is even resolved.
 *
 * Requests with an `Authorization` header are exempt: getActor() never falls back to the
 * cookie when one is present (a bad key means no actor at all), so such a request cannot
 * ride on a browser's ambient credentials.
 */
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The origins this app is served from: the request URL's and, when configured, AUTH_URL's. */
export function appOrigins(requestUrl: string, authUrl: string | undefined): string[] {
  const origins = new Set<string>([new URL(requestUrl).origin]);
  if (authUrl) origins.add(new URL(authUrl).origin);
  return [...origins];
}

/** True when the request must be refused as a possible cross-site request forgery. */
export function isForbiddenCrossOriginWrite(method: string, headers: Headers, allowedOrigins: readonly string[]): boolean {
  if (!unsafeMethods.has(method.toUpperCase())) return false;
  if (headers.has("authorization")) return false;
  const origin = headers.get("origin");
  if (!origin || origin === "null") return true;
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return true;
  }
  return !allowedOrigins.includes(normalized);
}
