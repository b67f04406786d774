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

const millis = z.number().int().min(EARLIEST);
const seconds = z.number().int().nonnegative();

// Built once: a zod object schema compiles itself on first use, and building one per request
// cost more than the rest of the parse (docs/performance.md, "CPU per request"). The clock
// bound, which depends on the time of the call, is checked after the parse.
const sessionTokenSchema = z
  .strictObject({
    sub: z.uuid(),
    role: z.enum(roles),
    signedInAt: millis,
    lastActiveAt: millis,
    /** "Keep me signed in on this private device": the cookie outlives the browser. */
    remember: z.boolean().optional(),
    // next-auth's own claims (iat, exp in seconds; jti) are allowed; nothing else is.
    iat: seconds.optional(),
    exp: seconds.optional(),
    jti: z.string().max(100).optional(),
  })
  .refine((t) => t.lastActiveAt >= t.signedInAt, { message: "lastActiveAt is before signedInAt", path: ["lastActiveAt"] });

export type SessionToken = z.output<typeof sessionTokenSchema>;

/** The token's claims, or null when they are not exactly what we issue. */
export function parseSessionToken(token: unknown, now: number = Date.now()): SessionToken | null {
  const parsed = sessionTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  // ⚠ Never in the future beyond the clock skew (it would outlive every sign-out cut-off).
  const latest = now + MAX_CLOCK_SKEW_MS;
  return parsed.data.signedInAt <= latest && parsed.data.lastActiveAt <= latest ? parsed.data : null;
}
