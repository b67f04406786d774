import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { staffRoles } from "@/lib/access/roles";
import { listQueueTickets } from "@/lib/domain/tickets/list-queue-tickets";
import { queueViews } from "@/lib/domain/tickets/schemas";
import { QueueView } from "@/components/queue/queue-view";

export const metadata: Metadata = { title: "Queue" };

export default async function ConsolePage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const actor = await requireActor(staffRoles);
  const requested = (await searchParams).view;
  const view = queueViews.find((v) => v === requested) ?? "open";
  const initial = await listQueueTickets(actor, { view, limit: 100 });
  return <QueueView initial={initial} view={view} now={Date.now()} />;
}
