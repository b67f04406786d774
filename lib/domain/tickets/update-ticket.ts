import type { Actor } from "../../access/actor";
import { ticketWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { Prisma, TicketEventType } from "../../db/generated/client";
import { AppError, isAppError } from "../../errors";
import { authorize } from "../audit/authorize";
import { auditRowData } from "../audit/audit-row-data";
import { createOutboxEvent } from "../outbox/outbox-event";
import { uuid7 } from "../shared/uuid7";
import { updateTicketSchema, type TicketDetail, type TicketStatus, type UpdateTicketInput } from "./schemas";
import { loadTicketDetail } from "./ticket-detail";
import { manualStatusChange, type ManualStatusChange } from "./ticket-state-machine";
import { recordNotFound } from "../audit/record-not-found";
import { parseRecordId } from "../shared/record-id";

type ChangedField = "status" | "assigneeId" | "priority" | "caseType";

/**
 * Changes a ticket by hand (PATCH /api/v1/tickets/{id}): status (by the state machine's
 * manual rules), assignee (nobody, or active staff of the ticket's team), priority, case type.
 *
 * One batch transaction writes the change, one ticket event per changed field, one audit
 * row and one `ticket.updated` outbox event. The update is guarded by the values that were
 * read (status always, and each changed field's old value): when a concurrent change won,
 * nothing is written and the answer is CONFLICT. Input that changes nothing writes nothing.
 * A CLOSED ticket is final: any change to it is a CONFLICT (a new message opens a follow-up).
 */
export async function updateTicket(actor: Actor, ticketId: string, input: UpdateTicketInput): Promise<TicketDetail> {
  await authorize(actor, "ticket.update", { recordType: "ticket", recordId: ticketId }, { denyAs: "NOT_FOUND" });
  const change = updateTicketSchema.parse(input);
  const db = await getDb();
  const id = parseRecordId(ticketId);
  const loaded = id ? await loadTicketDetail(db, actor, id) : null;
  if (!loaded) throw await recordNotFound(db, actor, { action: "ticket.update", recordType: "ticket", recordId: ticketId });
  const { detail: current, memberId } = loaded;
  const now = new Date();

  const status = change.status === undefined ? null : statusChange(current.status, change.status, now);
  const assigneeId = change.assigneeId === undefined ? current.assigneeId : (change.assigneeId?.toLowerCase() ?? null);
  const changed = {
    status: status !== null,
    assigneeId: assigneeId !== current.assigneeId,
    priority: change.priority !== undefined && change.priority !== current.priority,
    caseType: change.caseType !== undefined && change.caseType !== current.caseType,
  } satisfies Record<ChangedField, boolean>;
  const changedFields = (Object.keys(changed) as ChangedField[]).filter((f) => changed[f]);
  if (changedFields.length === 0) return current;

  if (current.status === "CLOSED") {
    throw new AppError("CONFLICT", "This ticket is closed. A new message on the thread opens a follow-up ticket.");
  }
  if (changed.assigneeId && assigneeId !== null && !current.assignableStaff.some((s) => s.id === assigneeId)) {
    throw new AppError("INVALID_INPUT", "A ticket can only be assigned to staff of its team.", [
      { path: "assigneeId", message: "Choose someone on the ticket's team, or nobody." },
    ]);
  }
  const priority = change.priority ?? current.priority;
  const caseType = change.caseType === undefined ? current.caseType : change.caseType;

  const data: Prisma.TicketUncheckedUpdateInput = {
    ...(status ? status.set : {}),
    ...(changed.assigneeId ? { assigneeId } : {}),
    ...(changed.priority ? { priority } : {}),
    ...(changed.caseType ? { caseType } : {}),
    lastActivityAt: now,
  };
  // ⚠ Scope in the write itself, and the values that were read: a concurrent change makes
  // this match nothing, which aborts the whole batch (see below).
  const where: Prisma.TicketWhereUniqueInput = {
    id: current.id,
    AND: [ticketWhereForActor(actor, now)],
    status: current.status,
    ...(changed.assigneeId ? { assigneeId: current.assigneeId } : {}),
    ...(changed.priority ? { priority: current.priority } : {}),
    ...(changed.caseType ? { caseType: current.caseType } : {}),
  };

  const event = (type: TicketEventType, fromValue: string | null, toValue: string | null): Prisma.TicketEventCreateManyInput => ({
    id: uuid7(now.getTime()),
    ticketId: current.id,
    actorId: actor.userId,
    type,
    fromValue,
    toValue,
    createdAt: now,
  });
  const events: Prisma.TicketEventCreateManyInput[] = [];
  if (status) events.push(event(TicketEventType.STATUS_CHANGED, status.event.fromValue, status.event.toValue));
  if (changed.assigneeId) events.push(event(TicketEventType.ASSIGNED, current.assigneeId, assigneeId));
  if (changed.priority) events.push(event(TicketEventType.PRIORITY_CHANGED, current.priority, priority));
  if (changed.caseType) events.push(event(TicketEventType.CASE_TYPE_CHANGED, current.caseType, caseType));

  const newStatus = status?.to ?? current.status;
  // ⚠ Ids and status values only: the case type is staff-written text and stays out of the
  // audit row and the outbox event (it is in the ticket events, which are ticket data).
  const details: Prisma.InputJsonObject = {
    changed: changedFields,
    ...(status ? { status: { from: status.from, to: status.to } } : {}),
    ...(changed.priority ? { priority: { from: current.priority, to: priority } } : {}),
    ...(changed.assigneeId ? { assigneeId: { from: current.assigneeId, to: assigneeId } } : {}),
  };

  try {
    await db.$transaction([
      // `update`, not `updateMany`: its where is the same (id + scope + the values read),
      // but a miss throws P2025, which rolls back the events, audit row and outbox event of
      // this batch. updateMany's count of 0 would come back only after they had committed.
      db.ticket.update({ where, data, select: { id: true } }),
      db.ticketEvent.createMany({ data: events }),
      db.auditLog.create({
        data: auditRowData(actor, { action: "ticket.update", memberId, recordType: "ticket", recordId: current.id, details }),
        select: { id: true },
      }),
      createOutboxEvent(db, {
        type: "ticket.updated",
        teamId: current.teamId,
        threadId: current.threadId,
        memberId: null,
        payload: {
          ticketId: current.id,
          threadId: current.threadId,
          status: newStatus,
          ...(status ? { fromStatus: status.from } : {}),
          priority,
          assigneeId,
          // The assignee before, so a console can move its queue counts without a refetch.
          ...(changed.assigneeId ? { fromAssigneeId: current.assigneeId } : {}),
          changed: changedFields.join(","),
        },
      }),
    ]);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new AppError("CONFLICT", "Someone else changed this ticket just now. Reload it and try again.");
    }
    throw error;
  }

  const updated = await loadTicketDetail(db, actor, current.id);
  if (!updated) throw new AppError("NOT_FOUND");
  return updated.detail;
}

/** The state machine's manual rule, with its input error pointed at this operation's field. */
function statusChange(from: TicketStatus, to: TicketStatus, now: Date): ManualStatusChange | null {
  try {
    return manualStatusChange(from, to, now);
  } catch (error) {
    if (isAppError(error) && error.code === "INVALID_INPUT") {
      throw new AppError("INVALID_INPUT", error.message, [{ path: "status", message: error.issues?.[0]?.message ?? error.message }]);
    }
    throw error;
  }
}
