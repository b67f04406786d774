"use client";

import { useState } from "react";
import { SessionProvider } from "next-auth/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ActivityTracker } from "./activity-tracker";

/** Client-side providers for signed-in faces. Sessions are never refreshed in the background. */
export function SignedInProviders({ idleMinutes, children }: { idleMinutes: number; children: React.ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <SessionProvider refetchInterval={0} refetchOnWindowFocus={false}>
      <QueryClientProvider client={queryClient}>
        <ActivityTracker idleMinutes={idleMinutes} />
        {children}
      </QueryClientProvider>
    </SessionProvider>
  );
}
