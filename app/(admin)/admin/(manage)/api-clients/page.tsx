import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { listApiClients } from "@/lib/domain/admin/list-api-clients";
import { listAdminTeams } from "@/lib/domain/teams/list-admin-teams";
import { ApiClientForm } from "@/components/admin/api-client-form";
import { ApiClientTable } from "@/components/admin/api-client-table";

export const metadata: Metadata = { title: "API clients · Administration" };

export default async function ApiClientsPage() {
  const actor = await requireActor(["ADMIN"]);
  const [{ items }, teams] = await Promise.all([listApiClients(actor), listAdminTeams(actor)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">API clients</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Other internal apps call the API with a key. Each client acts as its own service user — a care guide, nurse or physician in the teams you choose — and
        sees exactly what such a person would. Keys are shown once; only a hash is kept.
      </p>
      <ApiClientForm teams={teams.items.map(({ id, name, kind }) => ({ id, name, kind }))} />
      <section aria-labelledby="clients-heading" className="space-y-3">
        <h2 id="clients-heading" className="text-lg font-semibold">
          Issued keys
        </h2>
        <ApiClientTable clients={items} />
      </section>
    </div>
  );
}
