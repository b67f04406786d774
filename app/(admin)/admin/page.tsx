import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { AdminOverview } from "@/components/admin/admin-overview";
import { TeamsOverview } from "@/components/admin/teams-overview";
import { AuditTable } from "@/components/admin/audit-table";
import { listTeams } from "@/lib/domain/teams/list-teams";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const actor = await requireActor(["ADMIN", "COMPLIANCE"]);
  if (actor.role === "ADMIN") {
    const overview = await listTeams(actor);
    return (
      <div className="space-y-8">
        <h1 className="text-2xl font-semibold tracking-tight">Administration</h1>
        <AdminOverview />
        <TeamsOverview {...overview} />
      </div>
    );
  }
  const { items } = await listAuditEvents(actor, { limit: 100 });
  return <AuditTable items={items} />;
}
