"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/components/api/api-client";
import { safetyRefetchMs } from "./live-context";

/** Up to when the care team has read the thread; kept current by `read` events. */
export function useThreadSeen(threadId: string): string | null {
  return (
    useQuery({
      queryKey: ["thread-seen", threadId],
      queryFn: () => api.get<{ seenAt: string | null }>(`/threads/${threadId}/read`),
      refetchInterval: safetyRefetchMs,
    }).data?.seenAt ?? null
  );
}
