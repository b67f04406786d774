import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { applySessionCookieLifetime } from "@/lib/auth/session-cookie-lifetime";
import { cappedAuthRequest } from "@/lib/http/capped-auth-request";
import { problemFromError } from "@/lib/http/problem";
import { AppError } from "@/lib/errors";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that configuration is read at run time, not build time.
// The session cookie's lifetime is rewritten on the way out: a browser-session cookie unless
// the person asked to be kept signed in (lib/auth/session-cookie-lifetime.ts).
//
// ⚠ SECURITY: next-auth never reads the raw request. Its body is read here with a cap and
// checked (lib/http/capped-auth-request.ts); anything unexpected is a problem+json answer,
// never Next's bare 500. The client-log endpoint (_log) is closed: it took no CSRF token and
// wrote the sender's text into our error log at error level. A credentials callback is a POST
// only: next-auth answers GET with a 500 ("not supported").
async function handler(request: NextRequest, context: Context): Promise<Response> {
  try {
    const [action] = (await context.params).nextauth ?? [];
    if (action === "_log" || (action === "callback" && request.method !== "POST")) throw new AppError("NOT_FOUND");
    const checked = await cappedAuthRequest(request);
    const response = (await NextAuth(checked as never, context as never, authOptions())) as Response;
    return applySessionCookieLifetime(response);
  } catch (error) {
    return problemFromError(error);
  }
}

export { handler as GET, handler as POST };
