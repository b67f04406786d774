"use client";

import { useState } from "react";
import { SessionProvider } from "next-auth/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ActivityTracker } from "./activity-tracker";
import { LiveEventsProvider, type LiveViewer } from "@/components/live/live-provider";

/**
 * Client-side providers for signed-in faces. Sessions are never refreshed in the background.
 * `live` opens the realtime event stream (members and staff; admins have nothing to hear).
 */
export function SignedInProviders({
  idleMinutes,
  live = false,
  viewer,
  children,
}: {
  idleMinutes: number;
  live?: boolean;
  /** Who is signed in (user id, team ids): live events file queue rows into this viewer's own queues only. */
  viewer?: LiveViewer;
  children: React.ReactNode;
}) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <SessionProvider refetchInterval={0} refetchOnWindowFocus={false}>
      <QueryClientProvider client={queryClient}>
        <ActivityTracker idleMinutes={idleMinutes} />
        <LiveEventsProvider enabled={live} {...(viewer ? { viewer } : {})}>{children}</LiveEventsProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
