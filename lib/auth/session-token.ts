/**
 * ⚠ SECURITY: the claims of a session token, parsed strictly wherever a token is decoded
 * (next-auth's jwt callback, getActor(), the event stream's re-check). A token that does not
 * parse is no session.
 *
 * The token is encrypted with AUTH_SECRET, so only a leaked secret lets someone write one —
 * but then a loose reading would make it worse: a `signedInAt` given as a string slips past
 * the idle and absolute limits (arithmetic on a string), and one in the future survives
 * every sign-out cut-off (sessions_valid_after). So: integers of milliseconds, never in the
 * future beyond a small clock skew, last activity not before sign-in, a real role, a uuid.
 */
import { z } from "zod";
import { roles } from "../access/roles";

/** How far ahead of this server's clock a timestamp may be (another instance's clock). */
export const MAX_CLOCK_SKEW_MS = 60_000;
/** Nothing was signed in before this (2020-01-01): smaller numbers are not milliseconds. */
const EARLIEST = Date.UTC(2020, 0, 1);

function millis(now: number) {
  return z
    .number()
    .int()
    .min(EARLIEST)
    .max(now + MAX_CLOCK_SKEW_MS);
}

function sessionTokenSchema(now: number) {
  // next-auth's own claims (iat, exp in seconds; jti) are allowed; nothing else is.
  const seconds = z.number().int().nonnegative();
  return z
    .strictObject({
      sub: z.uuid(),
      role: z.enum(roles),
      signedInAt: millis(now),
      lastActiveAt: millis(now),
      /** "Keep me signed in on this private device": the cookie outlives the browser. */
      remember: z.boolean().optional(),
      iat: seconds.optional(),
      exp: seconds.optional(),
      jti: z.string().max(100).optional(),
    })
    .refine((t) => t.lastActiveAt >= t.signedInAt, { message: "lastActiveAt is before signedInAt", path: ["lastActiveAt"] });
}

export type SessionToken = z.output<ReturnType<typeof sessionTokenSchema>>;

/** The token's claims, or null when they are not exactly what we issue. */
export function parseSessionToken(token: unknown, now: number = Date.now()): SessionToken | null {
  const parsed = sessionTokenSchema(now).safeParse(token);
  return parsed.success ? parsed.data : null;
}
