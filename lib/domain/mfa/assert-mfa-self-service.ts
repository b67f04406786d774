/**
 * ⚠ SECURITY: two-step sign-in is managed by the account's own person, from a browser
 * session: staff roles only (policy.ts), never with an API key. A denial is audited, like
 * authorize()'s.
 */
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { isMfaRole } from "./policy";

export async function assertMfaSelfService(actor: Actor, action: string): Promise<void> {
  if (isMfaRole(actor.role) && actor.apiClientId === null) return;
  const db = await getDb();
  const viaApiKey = actor.apiClientId !== null;
  await recordAudit(db, actor, { action, outcome: "DENIED", reason: viaApiKey ? "api_key" : "not_permitted_for_role" });
  throw new AppError(
    "FORBIDDEN",
    viaApiKey ? "Two-step sign-in is managed from a signed-in browser, not with an API key." : "Two-step sign-in is for staff accounts.",
  );
}
