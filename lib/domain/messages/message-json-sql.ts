/**
 * A message as MessageRow's JSON, for raw statements that read messages with their author
 * and files in one value: GET /threads/{id}/messages (message-rows-sql.ts) and the views of
 * live events (lib/domain/realtime/unsafe-load-event-views.ts). One text, so both give
 * exactly what Prisma's messageViewSelect gave.
 */
import type { MessageRow } from "./message-view";

/**
 * The JSON expression of message `p` written by user `u` (the statement joins them under
 * those aliases): messageViewSelect's fields, its author, and its files in upload order
 * (attachmentViewSelect's fields; an attachment follows its message's visibility).
 */
export const messageJsonSql = `json_build_object(
    'id', p.id, 'threadId', p.thread_id, 'body', p.body, 'visibility', p.visibility, 'createdAt', p.created_at,
    'clientMessageId', p.client_message_id,
    'author', json_build_object('id', u.id, 'name', u.name, 'role', u.role),
    'attachments', COALESCE((
      SELECT json_agg(json_build_object(
               'id', a.id, 'displayName', a.display_name, 'detectedType', a.detected_type, 'sizeBytes', a.size_bytes,
               'status', a.status, 'documentType', a.document_type, 'rejectReason', a.reject_reason,
               'scanAttempts', a.scan_attempts, 'width', a.width, 'height', a.height, 'threadId', a.thread_id,
               'messageId', a.message_id, 'createdAt', a.created_at, 'thumbnailKey', a.thumbnail_key)
             ORDER BY a.created_at, a.id)
        FROM attachments a WHERE a.message_id = p.id), '[]'))`;

/** JSON turns dates into strings: a row as it arrives, before toMessageRow. */
export type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends (infer E)[] ? Json<E>[] : T[K] };

/** A message in the shape Prisma's messageViewSelect gave, for toMessageView (so the answer is the same). */
export function toMessageRow(m: Json<MessageRow>): MessageRow {
  return { ...m, createdAt: new Date(m.createdAt), attachments: m.attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })) };
}
