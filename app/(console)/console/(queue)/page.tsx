import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { staffRoles } from "@/lib/access/roles";
import { listQueueTickets } from "@/lib/domain/tickets/list-queue-tickets";
import { queueViews, ticketStatuses } from "@/lib/domain/tickets/schemas";
import { QueueView } from "@/components/queue/queue-view";
import { queuePageSize } from "@/lib/api/query-keys";

export const metadata: Metadata = { title: "Queue" };

export default async function ConsolePage({ searchParams }: { searchParams: Promise<{ view?: string; status?: string }> }) {
  const actor = await requireActor(staffRoles);
  const requested = await searchParams;
  const view = queueViews.find((v) => v === requested.view) ?? "open";
  const status = ticketStatuses.find((s) => s === requested.status) ?? null;
  const initial = await listQueueTickets(actor, { view, limit: queuePageSize, ...(status ? { status } : {}) });
  return <QueueView initial={initial} view={view} status={status} now={Date.now()} />;
}
