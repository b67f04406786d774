import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { TeamForm } from "@/components/admin/team-form";

export const metadata: Metadata = { title: "New team · Administration" };

export default async function NewTeamPage() {
  await requireActor(["ADMIN"]);
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/admin/teams" className="text-brand-700 hover:underline">
          ← Teams
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">New team</h1>
      <p className="text-sm text-slate-600">The team gets its own queue. Add its staff afterwards from each person&apos;s page.</p>
      <TeamForm timeZones={Intl.supportedValuesOf("timeZone")} />
    </div>
  );
}
