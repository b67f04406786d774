/**
 * The writes of one send (send-message.ts) as ONE statement of data-modifying CTEs: the
 * message, the thread's activity times, the ticket change or follow-up and its events, the
 * sender's read mark, the audit row and the outbox events. One statement is atomic on its
 * own, and one round trip instead of a Prisma batch of ten (docs/performance.md, "CPU per
 * request").
 *
 * The guards are the ones the batch had, and when one trips NOTHING is written (`sent` = 0;
 * the caller plans again on fresh state):
 *  - ⚠ `th` locks the thread only if it is still in the actor's scope (threadScopeSql) and
 *    still owned by the team that was read: a change of the member's team committed
 *    meanwhile (assign-member-team.ts) or a lost scope stops the send. Internal notes take
 *    the same guard (the batch checked their scope only through the ticket update);
 *  - ⚠ `ticket_upd` changes the ticket only if it still has the status the plan was made
 *    from, and only on the locked thread: members cannot reach tickets
 *    (ticketWhereForActor), yet their messages move them — scoped through the thread;
 *  - `msg`, and through it every other write, happens only when both held. The thread's own
 *    update comes after `th` locked the row, so it cannot miss. A locked or updated row
 *    changed by a concurrent commit is re-checked on its new version (READ COMMITTED).
 * ⚠ A follow-up goes to the queue of the team that owns the thread now (the one `th` holds),
 * never the old ticket's queue (issue 9); a thread in triage goes to triage.
 * A follow-up trips the one-active-ticket unique index when another active ticket appeared,
 * and a second message under the same (author, clientMessageId) the message's unique key:
 * the statement then fails as a whole (sendUniqueViolation tells which).
 *
 * Parameters are plain strings, booleans and JSON text (times as ISO strings), so the same
 * text runs through getSql and through Prisma's $queryRawUnsafe inside a transaction (the
 * rare send with attachments or mentions, send-message.ts).
 */
import type { Actor } from "../../access/actor";
import { threadScopeParams, threadScopeSql } from "../../access/thread-scope-sql";
import type { AuditEntry } from "../audit/audit-row-data";
import { auditRowColumnsSql, auditRowParams, auditRowValuesSql } from "../audit/record-audit";
import { outboxEventData, type OutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import type { TicketFields, TicketPlan } from "../tickets/ticket-state-machine";
import type { SendThread } from "./send-state-sql";

// The parameters, by position (sendWriteParams builds them in this order).
const actorId = "$1::uuid"; // $1..$4: threadScopeSql's actor id, role, team ids, now
const now = "$4::timestamptz";
const threadId = "$5::uuid";
const teamIdRead = "$6::uuid";
const messageId = "$7::uuid";
const visibility = `$8::"MessageVisibility"`;
const body = "$9::text";
const clientMessageId = "$10::text";
const movesThread = "$11::boolean"; // internal notes do not move the thread
const byMember = "$12::boolean";
const ticketAction = "$13::text"; // 'none' | 'update' | 'create'
const ticketId = "$14::uuid"; // the ticket to update, or the follow-up's id
const expectedStatus = `$15::"TicketStatus"`;
const ticketFields = "$16::jsonb"; // the plan's columns (update: only the keys to set)
const ticketEvents = "$17::jsonb";
const outboxRows = "$18::jsonb";
const auditFirst = 19; // $19..$29: auditRowParams

type PlannedTicket = Extract<TicketPlan, { kind: "create" }>["ticket"];
type Column = readonly [name: string, type: string];

// Every ticket column a plan sets (TicketFields) or a follow-up is created with has its
// place here: a field the state machine gains fails to compile until it is written.
const updatableColumns = {
  status: ["status", `"TicketStatus"`],
  waitingSince: ["waiting_since", "timestamptz"],
  firstResponseAt: ["first_response_at", "timestamptz"],
  solvedAt: ["solved_at", "timestamptz"],
  closedAt: ["closed_at", "timestamptz"],
  lastActivityAt: ["last_activity_at", "timestamptz"],
} as const satisfies Record<keyof TicketFields, Column>;

const createdColumns = { ...updatableColumns, followUpOfId: ["follow_up_of_id", "uuid"] } as const satisfies Record<Exclude<keyof PlannedTicket, "id">, Column>;

const fieldValue = (key: string, [, type]: Column) => `(${ticketFields} ->> '${key}')::${type}`;

/** The update sets a column when the plan names it (a JSON null sets NULL), else keeps it. */
const updateSets = Object.entries(updatableColumns)
  .map(([key, column]) => `${column[0]} = CASE WHEN ${ticketFields} -> '${key}' IS NOT NULL THEN ${fieldValue(key, column)} ELSE t.${column[0]} END`)
  .join(",\n      ");

const createdNames = Object.values(createdColumns).map(([name]) => name).join(", ");
const createdValues = Object.entries(createdColumns).map(([key, column]) => fieldValue(key, column)).join(", ");

export const sendWriteSql = `
  WITH th AS (
    SELECT th.id FROM threads th
     WHERE th.id = ${threadId} AND th.team_id IS NOT DISTINCT FROM ${teamIdRead}
       AND ${threadScopeSql("th", { actorId: 1, role: 2, teamIds: 3, now: 4 })}
       FOR NO KEY UPDATE OF th
  ),
  ticket_upd AS (
    UPDATE tickets t SET
      ${updateSets},
      updated_at = ${now}
     WHERE ${ticketAction} = 'update' AND t.id = ${ticketId} AND t.thread_id IN (SELECT id FROM th) AND t.status = ${expectedStatus}
    RETURNING t.id
  ),
  ok AS (
    SELECT th.id FROM th WHERE ${ticketAction} <> 'update' OR EXISTS (SELECT 1 FROM ticket_upd)
  ),
  msg AS (
    INSERT INTO messages (id, thread_id, author_id, visibility, body, client_message_id, created_at)
    SELECT ${messageId}, ok.id, ${actorId}, ${visibility}, ${body}, ${clientMessageId}, ${now} FROM ok
    RETURNING thread_id
  ),
  -- The times only ever move forward: two sends racing on one
  -- thread may commit out of their clocks' order, and the queue's preview reads the
  -- member's newest message at this time (queue-page-sql.ts).
  thread_upd AS (
    UPDATE threads SET last_message_at = GREATEST(last_message_at, ${now}), last_member_message_at = CASE WHEN ${byMember} THEN GREATEST(last_member_message_at, ${now}) ELSE last_member_message_at END
     WHERE ${movesThread} AND id IN (SELECT thread_id FROM msg)
  ),
  ticket_new AS (
    INSERT INTO tickets (id, thread_id, queue_id, team_id, ${createdNames}, case_type, created_at, updated_at)
    SELECT ${ticketId}, msg.thread_id,
           -- The queue of the team that owns the thread (as locked by th), else triage.
           COALESCE((SELECT q.id FROM queues q WHERE q.team_id = ${teamIdRead}),
                    (SELECT q.id FROM queues q WHERE q.kind = 'TRIAGE' ORDER BY q.created_at LIMIT 1)),
           ${teamIdRead}, ${createdValues}, ${ticketFields} ->> 'caseType', ${now}, ${now}
      FROM msg WHERE ${ticketAction} = 'create'
  ),
  events AS (
    INSERT INTO ticket_events (id, ticket_id, actor_id, type, from_value, to_value, created_at)
    SELECT e.id, e."ticketId", ${actorId}, e.type::"TicketEventType", e."fromValue", e."toValue", ${now}
      FROM jsonb_to_recordset(${ticketEvents}) AS e(id uuid, "ticketId" uuid, type text, "fromValue" text, "toValue" text)
     WHERE EXISTS (SELECT 1 FROM msg)
  ),
  read_mark AS (
    INSERT INTO thread_read_states (thread_id, user_id, last_read_at)
    SELECT msg.thread_id, ${actorId}, ${now} FROM msg
    ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at
  ),
  audit AS (
    INSERT INTO audit_log (${auditRowColumnsSql()})
    SELECT ${auditRowValuesSql(auditFirst)} FROM msg
  ),
  outbox AS (
    -- In the order given: the relay delivers by id.
    INSERT INTO outbox_events (type, team_id, thread_id, member_id, user_id, payload)
    SELECT o.type, o."teamId", o."threadId", o."memberId", o."userId", o.payload
      FROM ROWS FROM (jsonb_to_recordset(${outboxRows}) AS (type text, "teamId" uuid, "threadId" uuid, "memberId" uuid, "userId" uuid, payload jsonb))
           WITH ORDINALITY AS o(type, "teamId", "threadId", "memberId", "userId", payload, n)
     WHERE EXISTS (SELECT 1 FROM msg)
     ORDER BY o.n
  )
  SELECT (SELECT count(*) FROM msg)::int AS sent`;

/** The statement's name on PostgreSQL (one name, one text). */
export const sendWriteStatementName = "send-message-write";

export type SendWrite = {
  actor: Actor;
  now: Date;
  thread: SendThread;
  message: { id: string; body: string; clientMessageId: string; visibility: "member" | "internal"; byMember: boolean };
  plan: TicketPlan;
  /** A follow-up keeps the matter's case type (of the latest ticket). */
  caseType: string | null;
  audit: AuditEntry;
  outbox: OutboxEvent[];
};

/** sendWriteSql's parameters, in its order. */
export function sendWriteParams(w: SendWrite): unknown[] {
  const [userId, role, teamIds] = threadScopeParams(w.actor, w.now);
  const at = w.now.toISOString();
  const internal = w.message.visibility === "internal";
  const ticket = ticketParams(w.plan, w.caseType);
  const events = w.plan.events.map((e) => ({ id: uuid7(w.now.getTime()), ticketId: e.ticketId, type: e.type, fromValue: e.fromValue, toValue: e.toValue }));
  return [
    userId,
    role,
    teamIds,
    at,
    w.thread.id,
    w.thread.teamId,
    w.message.id,
    internal ? "INTERNAL" : "MEMBER",
    w.message.body,
    w.message.clientMessageId,
    !internal,
    w.message.byMember,
    ...ticket,
    JSON.stringify(events),
    // outboxEventData: the same row createOutboxEvent writes (routing rule, forbidden keys).
    JSON.stringify(w.outbox.map(outboxEventData)),
    ...auditRowParams(w.actor, w.audit),
  ];
}

/** [action, ticket id, expected status, columns as JSON] for the plan. */
function ticketParams(plan: TicketPlan, caseType: string | null): [string, string | null, string | null, string] {
  if (plan.kind === "update") return ["update", plan.ticketId, plan.expectedStatus, JSON.stringify(plan.set)];
  if (plan.kind === "create") return ["create", plan.ticket.id, null, JSON.stringify({ ...plan.ticket, caseType })];
  return ["none", null, null, "{}"];
}

/** A guard of sendWriteSql tripped and nothing was written: plan again on fresh state. */
export class SendLostRace extends Error {
  constructor() {
    super("the thread or its ticket changed between the send's read and its write");
  }
}

/**
 * Which unique key a failed write tripped: "message" (the same clientMessageId committed
 * meanwhile: answer with it), "ticket" (another active ticket appeared: a lost race), or
 * null. Errors come from pg and PGlite (`code`, `constraint`) or, inside a Prisma
 * transaction, wrapped by Prisma (P2010, the driver's error as its cause); PostgreSQL's
 * message names the constraint in every case.
 */
export function sendUniqueViolation(error: unknown): "message" | "ticket" | null {
  const e = driverError(error);
  if (e?.code !== "23505") return null;
  const names = (index: string) => e.constraint === index || (e.message ?? "").includes(`"${index}"`);
  if (names("messages_author_id_client_message_id_key")) return "message";
  if (names("tickets_one_active_per_thread")) return "ticket";
  return null;
}

type DriverError = { code?: string; constraint?: string; message?: string };

function driverError(error: unknown): DriverError | null {
  if (typeof error !== "object" || error === null) return null;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string; constraint?: { index?: string } } } } }).meta
    ?.driverAdapterError?.cause;
  if (cause) return { code: cause.originalCode, constraint: cause.constraint?.index, message: cause.originalMessage };
  const { code, constraint, message } = error as DriverError;
  return { code, constraint, message };
}
