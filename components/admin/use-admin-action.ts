"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorText } from "./admin-api";

/**
 * One admin change from a page: run it, show its error, and re-render the page's server
 * data on success (pages read through the domain layer; router.refresh fetches them again).
 */
export function useAdminAction<I, O>(run: (input: I) => Promise<O>, onDone?: (output: O) => void) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (output) => {
      setError(null);
      onDone?.(output);
      router.refresh();
    },
    onError: (e) => setError(errorText(e)),
  });
  return { run: mutation.mutate, pending: mutation.isPending, error, data: mutation.data };
}
