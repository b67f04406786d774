import { apiRoute } from "@/lib/http/api-route";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";

/** Walks the whole hash chain (compliance, admins); the check is itself audited. */
export const GET = apiRoute(async (_request, actor) => Response.json(await verifyAuditChain(actor)));
