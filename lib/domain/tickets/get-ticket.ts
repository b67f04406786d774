import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import type { TicketDetail } from "./schemas";
import { loadTicketDetail } from "./ticket-detail";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

/** A ticket as the sidebar shows it: its events (newest last) and who may be assigned (GET /api/v1/tickets/{id}). */
export async function getTicket(actor: Actor, ticketId: string): Promise<TicketDetail> {
  await authorize(actor, "ticket.read", { recordType: "ticket", recordId: ticketId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const id = parseRecordId(ticketId);
  const loaded = id ? await loadTicketDetail(db, actor, id) : null;
  if (!loaded) throw await recordNotFound(db, actor, { action: "ticket.read", recordType: "ticket", recordId: ticketId });

  await recordAudit(db, actor, { action: "ticket.read", memberId: loaded.memberId, recordType: "ticket", recordId: loaded.detail.id });
  return loaded.detail;
}
