/**
 * Who two-step sign-in is for, and when it is required. Pure, so the rule is unit-tested.
 *
 * Staff here means every role that works on the plan's side — care guides, nurses,
 * physicians, admins and compliance (everyone but members). Members may never be
 * required to use it (and are not offered it yet).
 */
import { roles, type Role } from "../../access/roles";

export const mfaRoles: readonly Role[] = roles.filter((r) => r !== "MEMBER");

export function isMfaRole(role: Role): boolean {
  return mfaRoles.includes(role);
}

export type MfaGateInput = {
  role: Role;
  /** Two-step sign-in is on for the account. */
  mfaEnabled: boolean;
  /** The request came with an API key: keys are their own credential, never gated here. */
  viaApiKey: boolean;
  /** An administrator reset the account's lost second factor: it must be set up again. */
  enrolmentRequired?: boolean;
};

/**
 * ⚠ SECURITY: true when the actor may do nothing but set up two-step sign-in (and sign
 * out): REQUIRE_STAFF_MFA is on or an administrator reset the account's second factor, the
 * role is a staff role, the account has not enrolled, and the request rides on a browser
 * session.
 */
export function mfaSetupRequired(input: MfaGateInput, requireStaffMfa: boolean): boolean {
  return (requireStaffMfa || input.enrolmentRequired === true) && !input.viaApiKey && isMfaRole(input.role) && !input.mfaEnabled;
}
