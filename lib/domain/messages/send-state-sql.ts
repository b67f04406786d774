/**
 * What a send reads before it plans (send-message.ts), in ONE raw statement: the thread
 * within the actor's scope, its latest ticket (for the ticket rules) and whether the actor
 * already sent a message under this clientMessageId (a retry is answered with the original).
 * Through Prisma this was three statements (and up to two more for the queue of a follow-up,
 * now read by the write statement itself).
 *
 * ⚠ SECURITY: no row unless the thread is in the actor's scope (threadScopeSql, the SQL form
 * of threadWhereForActor): the caller answers NOT_FOUND and reads nothing else. The ticket and
 * the idempotency probe come back only on that row.
 */
import type { Actor } from "../../access/actor";
import { threadScopeParams, threadScopeSql } from "../../access/thread-scope-sql";
import { getSql } from "../../db/client";
import type { TicketStatus } from "../tickets/schemas";
import type { TicketSnapshot } from "../tickets/ticket-state-machine";

export type SendThread = { id: string; memberId: string; teamId: string | null };

export type SendState = {
  thread: SendThread;
  /** The thread's latest ticket (closed or not), or null when it has none. */
  latest: (TicketSnapshot & { caseType: string | null }) | null;
  /** A message of the actor's with this clientMessageId exists (on any thread). */
  sentBefore: boolean;
};

const sendStateSql = `
  SELECT th.id, th.member_id AS "memberId", th.team_id AS "teamId",
         tk.id AS "ticketId", tk.status::text AS "ticketStatus", tk.waiting_since AS "waitingSince",
         tk.first_response_at AS "firstResponseAt", tk.case_type AS "caseType",
         EXISTS (SELECT 1 FROM messages m WHERE m.author_id = $1::uuid AND m.client_message_id = $6) AS "sentBefore"
    FROM threads th
    LEFT JOIN LATERAL (
      SELECT t.id, t.status, t.waiting_since, t.first_response_at, t.case_type
        FROM tickets t
       WHERE t.thread_id = th.id
       ORDER BY t.created_at DESC, t.id DESC
       LIMIT 1
    ) tk ON true
   WHERE th.id = $5::uuid AND ${threadScopeSql("th", { actorId: 1, role: 2, teamIds: 3, now: 4 })}`;

type Row = {
  id: string;
  memberId: string;
  teamId: string | null;
  ticketId: string | null;
  ticketStatus: TicketStatus | null;
  waitingSince: Date | null;
  firstResponseAt: Date | null;
  caseType: string | null;
  sentBefore: boolean;
};

/** Null when the thread does not exist or is out of the actor's scope. `threadId` is a parsed record id. */
export async function readSendState(actor: Actor, threadId: string, clientMessageId: string): Promise<SendState | null> {
  const sql = await getSql();
  const [row] = await sql<Row>(sendStateSql, [...threadScopeParams(actor), threadId, clientMessageId], { name: "send-message-state" });
  if (!row) return null;
  const latest =
    row.ticketId === null || row.ticketStatus === null
      ? null
      : { id: row.ticketId, status: row.ticketStatus, waitingSince: row.waitingSince, firstResponseAt: row.firstResponseAt, caseType: row.caseType };
  return { thread: { id: row.id, memberId: row.memberId, teamId: row.teamId }, latest, sentBefore: row.sentBefore };
}
