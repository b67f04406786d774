import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { orNotFound } from "@/lib/http/or-not-found";
import { getTeamSla } from "@/lib/domain/sla/get-team-sla";
import { weekdayLabels } from "@/lib/domain/teams/schemas";
import { SlaPolicyForm } from "@/components/sla/sla-policy-form";

export const metadata: Metadata = { title: "Response targets · Administration" };

export default async function TeamSlaPage({ params }: { params: Promise<{ teamId: string }> }) {
  const actor = await requireActor(["ADMIN"]);
  const view = await orNotFound(getTeamSla(actor, (await params).teamId));
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/admin/teams/${view.teamId}`} className="text-brand-700 hover:underline">
          ← {view.teamName}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Response targets</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          How soon a member waiting on {view.teamName} should hear back, counted in the team&apos;s working hours. The first-response target runs until
          the ticket&apos;s first reply; afterwards the next-response target runs each time the member writes again. A missed target is shown in the
          queue, recorded on the ticket and alerts the team once.
        </p>
      </div>
      <SlaPolicyForm key={JSON.stringify(view.policies)} view={view} />
      <section aria-labelledby="sla-hours" className="rounded-2xl border border-slate-200 bg-white p-5 text-sm">
        <h2 id="sla-hours" className="font-semibold">
          Working hours ({view.timeZone})
        </h2>
        {view.hours.length === 0 ? (
          <p className="mt-1 text-slate-600">No hours set: targets count around the clock.</p>
        ) : (
          <ul className="mt-1 grid gap-x-8 text-slate-700 sm:grid-cols-2">
            {view.hours.map((h) => (
              <li key={h.day}>
                {weekdayLabels[h.day - 1]}: {h.start}–{h.end}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2">
          <Link href={`/admin/teams/${view.teamId}`} className="text-brand-700 hover:underline">
            Change hours or time zone in the team settings
          </Link>
        </p>
      </section>
    </div>
  );
}
