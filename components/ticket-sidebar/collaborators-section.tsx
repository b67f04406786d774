"use client";

/**
 * Who else collaborates on this conversation (brought in by an @mention), why and since
 * when. Staff of the owning team may remove someone, after a confirmation: their access
 * ends at once. Refreshed with the ticket (a sent note invalidates the ["ticket"] queries).
 */
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CollaboratorList, CollaboratorView } from "@/lib/domain/collaborators/schemas";
import { roleLabels, roles, type Role } from "@/lib/access/roles";
import { api, ApiError } from "@/components/api/api-client";

function roleLabel(role: string): string {
  return (roles as readonly string[]).includes(role) ? roleLabels[role as Role] : role;
}

function since(iso: string) {
  return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

export function CollaboratorsSection({ ticketId, threadId }: { ticketId: string; threadId: string }) {
  const queryClient = useQueryClient();
  const key = ["ticket", ticketId, "collaborators"];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<CollaboratorList>(`/threads/${threadId}/collaborators`),
    refetchInterval: 30_000,
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (userId: string) => api.delete(`/threads/${threadId}/collaborators/${userId}`),
    onSuccess: () => {
      setError(null);
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : "Could not remove this person."),
  });

  const items = list.data?.items ?? [];
  const canRemove = list.data?.canRemove ?? false;
  return (
    <div>
      <h3 id="collaborators-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Collaborators{items.length > 0 && <span className="ml-1 font-normal normal-case tracking-normal text-slate-400">({items.length})</span>}
      </h3>
      {list.isPending ? (
        <p className="mt-1 text-slate-500">Loading…</p>
      ) : items.length === 0 ? (
        <p className="mt-1 text-slate-500">Nobody else. Type @ in an internal note to bring in a colleague.</p>
      ) : (
        <ul aria-labelledby="collaborators-heading" className="mt-1 space-y-2" data-testid="collaborators">
          {items.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 px-2.5 py-2" data-testid="collaborator">
              <p className="font-medium text-slate-900">
                {c.user.name} <span className="font-normal text-slate-500">· {roleLabel(c.user.role)}</span>
              </p>
              <p className="text-xs text-slate-600">{c.reason}</p>
              <p className="text-xs text-slate-500">
                Added by {c.addedBy.name} · <time dateTime={c.since}>{since(c.since)}</time>
              </p>
              {canRemove &&
                (confirming === c.user.id ? (
                  <ConfirmRemoval person={c} busy={remove.isPending} onConfirm={() => remove.mutate(c.user.id)} onCancel={() => setConfirming(null)} />
                ) : (
                  <button
                    type="button"
                    onClick={() => {
                      setError(null);
                      setConfirming(c.user.id);
                    }}
                    aria-label={`Remove ${c.user.name}`}
                    className="mt-1 rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:border-red-300 hover:bg-red-50 hover:text-red-800"
                  >
                    Remove
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-1 rounded-md bg-red-50 px-2 py-1.5 text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

/** The confirmation step; the focus lands on Cancel, the harmless choice. */
function ConfirmRemoval({ person, busy, onConfirm, onCancel }: { person: CollaboratorView; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div role="group" aria-label={`Remove ${person.user.name}?`} className="mt-1.5 rounded-md bg-red-50 p-2 text-xs text-red-900">
      <p>Remove {person.user.name}? They lose access to this conversation at once.</p>
      <div className="mt-1.5 flex gap-2">
        <button type="button" onClick={onConfirm} disabled={busy} className="rounded-md bg-red-700 px-2 py-1 font-semibold text-white hover:bg-red-800 disabled:opacity-60">
          Yes, remove
        </button>
        <button
          ref={cancel}
          type="button"
          onClick={onCancel}
          onKeyDown={(e) => {
            if (e.key === "Escape") onCancel();
          }}
          className="rounded-md border border-red-200 bg-white px-2 py-1 font-medium text-slate-700"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
