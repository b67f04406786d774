/**
 * next-auth (v4) configuration: sign-in with email and password, plus a code when the
 * account has two-step sign-in on (lib/domain/auth/sign-in.ts); JWT sessions in an
 * encrypted cookie. The token holds only the user id, role and two timestamps (name and
 * email are stripped); everything else is loaded from the database per request
 * (lib/auth/get-actor.ts), so a role change or a disabled account takes effect at once.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Role } from "../access/roles";
import { signIn } from "../domain/auth/sign-in";
import { MFA_CODE_REQUIRED } from "../domain/mfa/schemas";
import { unsafeEndSessions } from "../domain/auth/unsafe-end-sessions";
import { getEnv } from "../env";
import { logger } from "../log/logger";
import { getAuthSecret } from "./secret";
import { sessionCookieName, useSecureCookies } from "./session-cookie";
import { isSessionExpired, type SessionLimits } from "./session-policy";
import { parseSessionToken } from "./session-token";
import { originFromHeaderRecord } from "./request-origin";

export function sessionLimits(): SessionLimits {
  const env = getEnv();
  return {
    idleMinutesStaff: env.SESSION_IDLE_MINUTES_STAFF,
    idleMinutesMember: env.SESSION_IDLE_MINUTES_MEMBER,
    maxHours: env.SESSION_MAX_HOURS,
  };
}

/** What the jwt callback stamps; read back only through parseSessionToken (session-token.ts). */
export type ConciergeToken = { sub?: string; role?: Role; signedInAt?: number; lastActiveAt?: number; remember?: boolean };

export function authOptions(): NextAuthOptions {
  const secure = useSecureCookies();
  return {
    secret: getAuthSecret(),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: getEnv().SESSION_MAX_HOURS * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
          remember: { label: "Keep me signed in on this private device", type: "checkbox" },
        },
        async authorize(credentials, req) {
          const result = await signIn(credentials, originFromHeaderRecord(req?.headers));
          // The password was right and two-step sign-in is on: next-auth hands a thrown
          // error's message to the browser as `error`, and the form asks for the code.
          if (result.kind === "code_required") throw new Error(MFA_CODE_REQUIRED);
          if (result.kind !== "signed_in") return null;
          const { user } = result;
          // The cookie outlives the browser only when asked for (session-cookie-lifetime.ts).
          return { id: user.id, name: user.name, email: user.email, role: user.role, remember: credentials?.remember === "true" };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        const now = Date.now();
        if (user) {
          // Keep the token minimal: next-auth copies name, email and picture in by default.
          const signedIn = user as unknown as { role: Role; remember?: boolean };
          const fresh: ConciergeToken = { sub: token.sub, role: signedIn.role, signedInAt: now, lastActiveAt: now, remember: signedIn.remember === true };
          return fresh;
        }
        // ⚠ SECURITY: the decoded cookie, parsed strictly (types, no future timestamps):
        // anything else is no session. Throwing makes next-auth clear the session cookie.
        const t = parseSessionToken(token, now);
        if (!t || isSessionExpired(t, sessionLimits(), now)) throw new Error("session expired");
        // Only an explicit activity report (useSession().update()) extends the session; a
        // background session fetch does not.
        if (trigger === "update") t.lastActiveAt = now;
        return t;
      },
      async session({ session, token }) {
        const t = token as ConciergeToken;
        return { ...session, user: { ...session.user, id: t.sub, role: t.role }, lastActiveAt: t.lastActiveAt };
      },
    },
    events: {
      async signOut({ token }) {
        const sub = parseSessionToken(token)?.sub;
        if (sub) await unsafeEndSessions(sub, null, "sign_out");
      },
    },
    logger: {
      error(code) {
        if (code === "JWT_SESSION_ERROR") return; // expired sessions are routine
        logger.error({ code }, "auth error");
      },
      warn(code) {
        logger.warn({ code }, "auth warning");
      },
      debug() {},
    },
  };
}
