import { mfaSetupRoute } from "@/lib/auth/mfa-setup-route";
import { getMfaStatus } from "@/lib/domain/mfa/get-mfa-status";

/** The caller's two-step sign-in status. Reachable while set-up is required (REQUIRE_STAFF_MFA). */
export const GET = mfaSetupRoute(async (_request, actor) => Response.json(await getMfaStatus(actor)));
