/**
 * Recognizes the database conflicts the messaging hot path recovers from. The shape of a
 * unique violation differs by driver adapter: adapter-pg names the index, the PGlite
 * adapter lists the key's columns; both name the model.
 */
import { Prisma } from "../../db/generated/client";

type ConstraintInfo = { index?: string; fields?: string[] };

function constraintOf(error: Prisma.PrismaClientKnownRequestError): ConstraintInfo | undefined {
  const meta = error.meta as { driverAdapterError?: { cause?: { constraint?: ConstraintInfo } }; target?: unknown } | undefined;
  const fromAdapter = meta?.driverAdapterError?.cause?.constraint;
  if (fromAdapter) return fromAdapter;
  if (typeof meta?.target === "string") return { index: meta.target };
  if (Array.isArray(meta?.target)) return { fields: meta.target.map(String) };
  return undefined;
}

export type UniqueKey = { model: string; index: string; fields: string[] };

/** The idempotency key of messages: one message per (author, clientMessageId). */
export const messageClientIdKey: UniqueKey = { model: "Message", index: "messages_author_id_client_message_id_key", fields: ["author_id", "client_message_id"] };

/** At most one ticket per thread that is not CLOSED (partial unique index). */
export const oneActiveTicketKey: UniqueKey = { model: "Ticket", index: "tickets_one_active_per_thread", fields: ["thread_id"] };

/** One active collaboration per person and thread (partial unique index). */
export const oneActiveCollaborationKey: UniqueKey = { model: "ThreadCollaborator", index: "thread_collaborators_active_idx", fields: ["user_id", "thread_id"] };

export function isUniqueViolation(error: unknown, key: UniqueKey): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const modelName = (error.meta as { modelName?: string } | undefined)?.modelName;
  if (modelName !== undefined && modelName !== key.model) return false;
  const c = constraintOf(error);
  if (c?.index !== undefined) return c.index === key.index;
  if (c?.fields !== undefined) return c.fields.length === key.fields.length && c.fields.every((f, i) => f.replace(/"/g, "") === key.fields[i]);
  return modelName === key.model;
}

/** An update whose `where` (a guard on status or scope) matched no row. */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}
