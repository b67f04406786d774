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
import { originFromHeaderRecord } from "./request-origin";

export function sessionLimits(): SessionLimits {
  const env = getEnv();
  return {
    idleMinutesStaff: env.SESSION_IDLE_MINUTES_STAFF,
    idleMinutesMember: env.SESSION_IDLE_MINUTES_MEMBER,
    maxHours: env.SESSION_MAX_HOURS,
  };
}

export type ConciergeToken = { sub?: string; role?: Role; signedInAt?: number; lastActiveAt?: number };

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
        },
        async authorize(credentials, req) {
          const result = await signIn(credentials, originFromHeaderRecord(req?.headers));
          // The password was right and two-step sign-in is on: next-auth hands a thrown
          // error's message to the browser as `error`, and the form asks for the code.
          if (result.kind === "code_required") throw new Error(MFA_CODE_REQUIRED);
          if (result.kind !== "signed_in") return null;
          const { user } = result;
          return { id: user.id, name: user.name, email: user.email, role: user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        const t = token as typeof token & ConciergeToken;
        const now = Date.now();
        // Keep the token minimal: next-auth copies name and email in by default.
        delete t.name;
        delete t.email;
        delete t.picture;
        if (user) {
          t.role = (user as unknown as { role: Role }).role;
          t.signedInAt = now;
          t.lastActiveAt = now;
          return t;
        }
        if (!t.role || !t.signedInAt || !t.lastActiveAt || isSessionExpired({ role: t.role, signedInAt: t.signedInAt, lastActiveAt: t.lastActiveAt }, sessionLimits(), now)) {
          // Throwing makes next-auth clear the session cookie.
          throw new Error("session expired");
        }
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
        const sub = (token as ConciergeToken | null)?.sub;
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
