import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { applySessionCookieLifetime } from "@/lib/auth/session-cookie-lifetime";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that configuration is read at run time, not build time.
// The session cookie's lifetime is rewritten on the way out: a browser-session cookie unless
// the person asked to be kept signed in (lib/auth/session-cookie-lifetime.ts).
async function handler(request: Request, context: Context): Promise<Response> {
  const response = (await NextAuth(request as never, context as never, authOptions())) as Response;
  return applySessionCookieLifetime(response);
}

export { handler as GET, handler as POST };
