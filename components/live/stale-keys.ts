/** Which TanStack Query caches a live event makes stale (pure; components/live/live-provider.tsx). */
import type { QueryKey } from "@tanstack/react-query";
import type { LiveMessage } from "./use-event-source";

export const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

export function staleKeys(event: LiveMessage): QueryKey[] {
  const d = event.data;
  const threadId = str(d.threadId);
  const ticketId = str(d.ticketId);
  const keys: QueryKey[] = [];
  switch (event.type) {
    case "message.created":
      if (threadId) keys.push(["messages", threadId], ["thread-seen", threadId]);
      keys.push(["queue"], ["notifications"]);
      if (ticketId) keys.push(["ticket", ticketId]);
      break;
    case "thread.created":
    case "ticket.created":
    case "ticket.updated":
      keys.push(["queue"], ["notifications"]);
      if (ticketId) keys.push(["ticket", ticketId]);
      break;
    case "mention.created":
      keys.push(["mentions"], ["notifications"]);
      break;
    case "collaborator.removed":
      keys.push(["ticket"], ["mentions"]);
      break;
    case "attachment.scanned": {
      const attachmentId = str(d.attachmentId);
      if (attachmentId) keys.push(["attachment", attachmentId]);
      if (threadId) keys.push(["messages", threadId]);
      keys.push(["member-documents"]);
      break;
    }
  }
  return keys;
}

