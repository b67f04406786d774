/**
 * ⚠ SECURITY: email and password only — the user when they are right and the account
 * needs nothing more, else null. An account with two-step sign-in on answers null here
 * without a code (it never bypasses the second factor): see sign-in.ts, which next-auth
 * uses and which also takes the code.
 */
import type { RequestOrigin } from "../../access/actor";
import { signIn, type SignedInUser } from "./sign-in";

export type { SignedInUser } from "./sign-in";

export async function signInWithPassword(input: unknown, origin: RequestOrigin): Promise<SignedInUser | null> {
  const result = await signIn(input, origin);
  return result.kind === "signed_in" ? result.user : null;
}
