"use client";

import { useState, type FormEvent } from "react";
import { usePathname } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { requestEmergencyAccessSchema, type EmergencyAccessGrant } from "@/lib/domain/emergency-access/schemas";
import { api, ApiError } from "@/components/api/api-client";

/**
 * Break-the-glass on the console's thread 404 page. It is shown for ANY thread address the
 * person cannot open — missing or outside their teams alike — so the page still confirms
 * nothing; only a request with a reason (audited, reviewed, rate-limited) learns more.
 */
export function EmergencyAccessRequest() {
  // not-found.tsx gets no params; the thread id is the last segment of the address.
  const threadId = usePathname().split("/").at(-1) ?? "";
  const [error, setError] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: (reason: string) => api.post<EmergencyAccessGrant>(`/threads/${threadId}/emergency-access`, { reason }),
    // A full load, not router.refresh(): Next keeps showing a segment's not-found UI until
    // the pathname changes, and a fresh document also gets the page's real (200) status.
    onSuccess: () => window.location.reload(),
    onError: (e) => setError(e instanceof ApiError ? (e.status === 404 ? "There is no conversation at this address." : e.message) : "Could not ask. Try again."),
  });

  // Only an address that can name a thread gets the form.
  if (!z.uuid().safeParse(threadId).success) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = requestEmergencyAccessSchema.safeParse({ reason: new FormData(event.currentTarget).get("reason") ?? "" });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Say why you need this conversation now.");
      return;
    }
    setError(null);
    request.mutate(parsed.data.reason);
  }

  return (
    <section aria-labelledby="emergency-heading" className="space-y-3 rounded-2xl border border-red-200 bg-white p-5 text-left shadow-sm">
      <h2 id="emergency-heading" className="text-lg font-semibold">
        Request emergency access
      </h2>
      <p className="text-sm text-slate-600">
        If a member needs help now and this conversation belongs to another team, you can open it for a short time. Your reason and everything
        you open are recorded and reviewed by compliance.
      </p>
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <div className="space-y-1">
          <label htmlFor="emergency-reason" className="block text-sm font-medium text-slate-800">
            Reason for emergency access
          </label>
          <textarea
            id="emergency-reason"
            name="reason"
            rows={3}
            required
            minLength={15}
            maxLength={500}
            aria-describedby="emergency-reason-hint"
            aria-invalid={error !== null}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
          />
          <p id="emergency-reason-hint" className="text-xs text-slate-500">
            15 to 500 characters. Say why you need this conversation now.
          </p>
        </div>
        {error && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={request.isPending || request.isSuccess}
          className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {request.isPending || request.isSuccess ? "Opening…" : "Open with emergency access"}
        </button>
      </form>
    </section>
  );
}
