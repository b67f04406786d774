"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { AdminTeamView } from "@/lib/domain/teams/schemas";
import { adminRequest, errorText } from "./admin-api";
import { ConfirmAction } from "./confirm-action";
import { FormError } from "./form-error";

/** Archive (asks first; the server refuses while members or open tickets depend on it) or restore. */
export function TeamArchive({ team }: { team: AdminTeamView }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (what: "archive" | "restore") => adminRequest<AdminTeamView>("POST", `/teams/${team.id}/${what}`),
    onSuccess: () => {
      setError(null);
      router.refresh();
    },
    onError: (e) => setError(errorText(e)),
  });
  const archived = team.archivedAt !== null;
  return (
    <section aria-labelledby="team-archive-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-5">
      <h2 id="team-archive-heading" className="text-lg font-semibold">
        {archived ? "Archived" : "Archive"}
      </h2>
      <p className="text-sm text-slate-600">
        {archived
          ? "This team takes no conversations and its staff cannot open its threads. Restoring it gives them access again."
          : "An archived team takes no new conversations, and its staff lose access to its threads. A team can be archived once no member has it as their concierge team and all its tickets are closed."}
      </p>
      <FormError message={error} />
      {archived ? (
        <ConfirmAction trigger="Restore team" title={`Restore ${team.name}?`} confirm="Restore" disabled={act.isPending} onConfirm={() => act.mutate("restore")}>
          <p>Its staff regain access to its threads at their next request.</p>
        </ConfirmAction>
      ) : (
        <ConfirmAction trigger="Archive team" title={`Archive ${team.name}?`} confirm="Archive" danger disabled={act.isPending} onConfirm={() => act.mutate("archive")}>
          <p>
            The team will take no new conversations and its {team.staffCount} staff will no longer reach its threads. You can restore it later.
          </p>
        </ConfirmAction>
      )}
    </section>
  );
}
