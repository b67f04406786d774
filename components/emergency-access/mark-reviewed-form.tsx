"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { reviewEmergencyAccessSchema, type EmergencyAccessReviewItem } from "@/lib/domain/emergency-access/schemas";
import { api, ApiError } from "@/components/api/api-client";

/** One row's "Mark reviewed", with an optional note kept on the access. */
export function MarkReviewedForm({ accessId }: { accessId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const review = useMutation({
    mutationFn: (note: string | undefined) => api.post<EmergencyAccessReviewItem>(`/emergency-accesses/${accessId}/review`, note ? { note } : {}),
    onSuccess: () => router.refresh(),
    onError: (e) => {
      setError(e instanceof ApiError ? e.message : "Could not save. Try again.");
      // Someone else reviewed it meanwhile: show the table as it is now.
      if (e instanceof ApiError && e.status === 409) router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = reviewEmergencyAccessSchema.safeParse({ note: String(new FormData(event.currentTarget).get("note") ?? "") });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the note.");
      return;
    }
    setError(null);
    review.mutate(parsed.data.note || undefined);
  }

  return (
    <form onSubmit={onSubmit} className="flex min-w-48 flex-col gap-1.5">
      <label htmlFor={`review-note-${accessId}`} className="sr-only">
        Review note (optional)
      </label>
      <input
        id={`review-note-${accessId}`}
        name="note"
        maxLength={1000}
        placeholder="Note (optional)"
        className="rounded-md border border-slate-300 px-2 py-1 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
      />
      <button
        type="submit"
        disabled={review.isPending || review.isSuccess}
        className="rounded-md bg-brand-600 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
      >
        {review.isPending ? "Saving…" : "Mark reviewed"}
      </button>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
