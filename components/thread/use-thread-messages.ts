"use client";

/**
 * A thread's messages, newest page first, with older pages loaded on demand, and with
 * optimistic sending. The cache is an infinite query whose shape lib/api/query-keys.ts
 * describes (pages[0] is the newest; a new message is appended to it). A message shows at once as "sending"; it
 * becomes "sent" when the server has stored it, or "failed" with a retry. Every send has a
 * client message id, and a retry reuses it, so the server stores the message once however
 * often it is retried. New messages from others arrive as live events, which mark this
 * cache stale (components/live/live-provider.tsx); a slow refetch is the safety net.
 */
import { useCallback, useMemo, useState } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { MessageView, Visibility } from "@/lib/domain/messages/schemas";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import type { TicketStatus } from "@/lib/domain/tickets/schemas";
import { api, ApiError, newClientMessageId } from "@/components/api/api-client";
import { safetyRefetchMs } from "@/components/live/live-context";
import { appendMessage, flattenMessages, messagesKey, threadPageSize, type MessagePage, type Paged } from "@/lib/api/query-keys";

export type Delivery = "sent" | "sending" | "failed";
export type DisplayMessage = MessageView & { delivery: Delivery; error?: string };

type Pending = {
  clientMessageId: string;
  body: string;
  visibility: Visibility;
  ticketStatus?: TicketStatus;
  /** Uploaded files sent with the message (shown at once; a retry sends the same ids). */
  attachments: AttachmentView[];
  /** Staff @mentioned in an internal note (user ids); a retry sends the same. */
  mentions: string[];
  createdAt: string;
  delivery: "sending" | "failed";
  error?: string;
};

export type SendOptions = { visibility?: Visibility; ticketStatus?: TicketStatus; attachments?: AttachmentView[]; mentions?: string[] };

export function useThreadMessages(
  threadId: string,
  /** The newest page, rendered on the server. */
  initial: MessagePage,
  me: { id: string; name: string; role: string },
  onSent?: (message: MessageView) => void,
) {
  const queryClient = useQueryClient();
  const key = useMemo(() => messagesKey(threadId), [threadId]);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api.get<MessagePage>(`/threads/${threadId}/messages?limit=${threadPageSize}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    // "Next" is older: the thread is read from the newest back.
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    // New messages arrive as live events (components/live); this is only the safety net.
    refetchInterval: safetyRefetchMs,
  });
  const [pending, setPending] = useState<Pending[]>([]);

  const deliver = useCallback(
    async (p: Pending) => {
      setPending((list) => list.map((x) => (x.clientMessageId === p.clientMessageId ? { ...x, delivery: "sending", error: undefined } : x)));
      try {
        const stored = await api.post<MessageView>(`/threads/${threadId}/messages`, {
          body: p.body,
          clientMessageId: p.clientMessageId,
          visibility: p.visibility,
          ...(p.ticketStatus ? { ticketStatus: p.ticketStatus } : {}),
          ...(p.attachments.length > 0 ? { attachmentIds: p.attachments.map((a) => a.id) } : {}),
          ...(p.mentions.length > 0 ? { mentions: p.mentions } : {}),
        });
        queryClient.setQueryData<Paged<MessagePage>>(key, (old) => appendMessage(old, stored));
        setPending((list) => list.filter((x) => x.clientMessageId !== p.clientMessageId));
        void queryClient.invalidateQueries({ queryKey: ["ticket"] });
        void queryClient.invalidateQueries({ queryKey: ["queue"] });
        onSent?.(stored);
      } catch (error) {
        const message = error instanceof ApiError ? error.message : "Not sent.";
        setPending((list) => list.map((x) => (x.clientMessageId === p.clientMessageId ? { ...x, delivery: "failed", error: message } : x)));
      }
    },
    [key, onSent, queryClient, threadId],
  );

  const send = useCallback(
    (body: string, options: SendOptions = {}) => {
      const p: Pending = {
        clientMessageId: newClientMessageId(),
        body,
        visibility: options.visibility ?? "member",
        ...(options.ticketStatus ? { ticketStatus: options.ticketStatus } : {}),
        attachments: options.attachments ?? [],
        mentions: options.mentions ?? [],
        createdAt: new Date().toISOString(),
        delivery: "sending",
      };
      setPending((list) => [...list, p]);
      void deliver(p);
    },
    [deliver],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const p = pending.find((x) => x.clientMessageId === clientMessageId);
      if (p) void deliver(p);
    },
    [deliver, pending],
  );

  const messages: DisplayMessage[] = useMemo(() => {
    const stored = flattenMessages(query.data);
    const storedIds = new Set(stored.map((m) => m.clientMessageId));
    const optimistic: DisplayMessage[] = pending
      .filter((p) => !storedIds.has(p.clientMessageId))
      .map((p) => ({
        id: `pending-${p.clientMessageId}`,
        threadId,
        body: p.body,
        visibility: p.visibility,
        author: me,
        createdAt: p.createdAt,
        clientMessageId: p.clientMessageId,
        attachments: p.attachments,
        delivery: p.delivery,
        ...(p.error ? { error: p.error } : {}),
      }));
    return [...stored.map((m) => ({ ...m, delivery: "sent" as const })), ...optimistic];
  }, [me, pending, query.data, threadId]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = query;
  const loadOlder = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  return {
    messages,
    send,
    retry,
    older: { hasMore: hasNextPage, loading: isFetchingNextPage, failed: isFetchNextPageError, load: loadOlder },
    loadError: query.error && !isFetchNextPageError ? "Could not refresh the conversation. Retrying…" : null,
  };
}
