/** The one projection of a thread row into ThreadView (GET /threads/{id}, POST /threads). */
import type { Prisma } from "../../db/generated/client";
import type { ThreadView } from "./schemas";

export const threadViewSelect = {
  id: true,
  subject: true,
  memberId: true,
  teamId: true,
  lastMessageAt: true,
  // The active ticket if there is one (at most one is not CLOSED), else the latest.
  tickets: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, status: true, assigneeId: true } },
} as const satisfies Prisma.ThreadSelect;

export type ThreadRow = Prisma.ThreadGetPayload<{ select: typeof threadViewSelect }>;

export function toThreadView(row: ThreadRow): ThreadView {
  return {
    id: row.id,
    subject: row.subject,
    memberId: row.memberId,
    teamId: row.teamId,
    lastMessageAt: row.lastMessageAt.toISOString(),
    ticket: row.tickets[0] ?? null,
  };
}
