"use client";

/**
 * One attachment's status, asked for while its virus scan runs. The composer and the thread
 * share the cache entry ["attachment", id], so a file checked in the composer shows as
 * ready in the thread at once. The live event `attachment.scanned` updates the entry the
 * moment the scan ends; while the stream is open, polling only backs it up slowly.
 */
import { useEffect } from "react";
import { useQuery, useQueryClient, type Query } from "@tanstack/react-query";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { api } from "@/components/api/api-client";
import { pendingPollInterval } from "./attachment-rules";
import { liveStatus } from "@/components/live/live-context";

export const attachmentKey = (id: string) => ["attachment", id] as const;

export function attachmentQueryOptions(view: AttachmentView, enabled = true) {
  return {
    queryKey: attachmentKey(view.id),
    queryFn: () => api.get<AttachmentView>(`/attachments/${view.id}`),
    initialData: view,
    // The upload's answer is only a starting point: ask again at once.
    initialDataUpdatedAt: 0,
    enabled,
    retry: 2,
    refetchInterval: (query: Query<AttachmentView, Error, AttachmentView, readonly ["attachment", string]>) =>
      query.state.data?.status === "PENDING" ? (liveStatus.connected ? 5_000 : pendingPollInterval(query.state.dataUpdateCount)) : false,
  };
}

/**
 * The freshest view of an attachment of a stored message. Only files still being checked
 * are polled; when one changes, the thread's messages are fetched again so every view of
 * it agrees.
 */
export function useLiveAttachment(view: AttachmentView, threadId: string | null): AttachmentView {
  const queryClient = useQueryClient();
  const pending = view.status === "PENDING";
  const polled = useQuery(attachmentQueryOptions(view, pending)).data;
  const current = pending && polled.status !== "PENDING" ? polled : view;
  const changed = current !== view;
  useEffect(() => {
    if (changed && threadId) void queryClient.invalidateQueries({ queryKey: ["messages", threadId] });
  }, [changed, queryClient, threadId]);
  return current;
}
