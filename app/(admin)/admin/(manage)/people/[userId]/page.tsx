import type { Metadata } from "next";
import Link from "next/link";
import { roleLabels } from "@/lib/access/roles";
import { requireActor } from "@/lib/auth/require-actor";
import { orNotFound } from "@/lib/http/or-not-found";
import { getPerson } from "@/lib/domain/admin/get-person";
import { isTeamRole } from "@/lib/domain/admin/schemas";
import { listAdminTeams } from "@/lib/domain/teams/list-admin-teams";
import { MemberTeam } from "@/components/admin/member-team";
import { PersonAccount } from "@/components/admin/person-account";
import { PersonRole } from "@/components/admin/person-role";
import { PersonTeams } from "@/components/admin/person-teams";
import { StatusPill } from "@/components/admin/status-pill";

export const metadata: Metadata = { title: "Person · Administration" };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "Never";
}

/** One person: identity, role, teams, status. For members, their concierge team — nothing of their record. */
export default async function PersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireActor(["ADMIN"]);
  const person = await orNotFound(getPerson(actor, (await params).userId));
  const teams = (await listAdminTeams(actor)).items.map(({ id, name, kind }) => ({ id, name, kind }));
  const isSelf = person.id === actor.userId;
  const isMember = person.role === "MEMBER";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/people" className="text-brand-700 hover:underline">
          ← People
        </Link>
      </p>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{person.name}</h1>
          <StatusPill active={person.status === "ACTIVE"} />
        </div>
        <p className="text-sm text-slate-600">
          {roleLabels[person.role]} · {person.email} · last sign-in {when(person.lastSignInAt)}
        </p>
        {person.serviceUser && (
          <p className="text-sm text-slate-600">
            The service user of{" "}
            <Link href="/admin/api-clients" className="font-medium text-brand-700 hover:underline">
              {person.apiClients.map((c) => `${c.name} (${c.keyPrefix}${c.revokedAt ? ", revoked" : ""})`).join(", ")}
            </Link>
            . It cannot sign in with a password.
          </p>
        )}
        {!isMember && person.assignedOpenTickets !== null && person.assignedOpenTickets > 0 && (
          <p className="text-sm text-slate-600">
            {person.assignedOpenTickets} open {person.assignedOpenTickets === 1 ? "ticket is" : "tickets are"} assigned to them.
          </p>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {isMember && <MemberTeam person={person} teams={teams} />}
        {!isMember && !isSelf && <PersonRole person={person} />}
        {!isMember && isTeamRole(person.role) && <PersonTeams person={person} teams={teams} />}
        <PersonAccount person={person} isSelf={isSelf} />
      </div>
    </div>
  );
}
