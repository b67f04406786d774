import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-actor";
import { staffRoles } from "@/lib/access/roles";
import { memberContextFieldsFor } from "@/lib/access/member-context-fields";
import { orNotFound } from "@/lib/http/or-not-found";
import { getThread } from "@/lib/domain/threads/get-thread";
import { listMessages } from "@/lib/domain/messages/list-messages";
import { getTicket } from "@/lib/domain/tickets/get-ticket";
import { getMemberContext } from "@/lib/domain/members/get-member-context";
import type { TicketStatus } from "@/lib/domain/tickets/schemas";
import { ConsoleConversation } from "@/components/console/console-conversation";
import { threadPageSize } from "@/lib/api/query-keys";
import { MemberContextPanel } from "@/components/member-context/member-context-panel";
import { TicketSidebar } from "@/components/ticket-sidebar/ticket-sidebar";
import { EmergencyAccessBanner } from "@/components/emergency-access/emergency-access-banner";

export const metadata: Metadata = { title: "Conversation" };

/** One screen: member context, the conversation with its composer, the ticket sidebar. */
export default async function ConsoleThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const actor = await requireActor(staffRoles);
  const { threadId } = await params;
  if (!z.uuid().safeParse(threadId).success) notFound();
  const thread = await orNotFound(getThread(actor, threadId));
  // Also a 404 if an emergency access ends between these reads and getThread's.
  const [newest, ticket, context] = await orNotFound(
    Promise.all([
      // The newest page; older ones load as the reader scrolls up (components/thread).
      listMessages(actor, threadId, { limit: threadPageSize }),
      thread.ticket ? getTicket(actor, thread.ticket.id) : Promise.resolve(null),
      getMemberContext(actor, thread.memberId),
    ]),
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <Link href="/console" className="text-sm font-medium text-brand-700 hover:underline">
          ← Queue
        </Link>
        <h1 className="text-xl font-semibold tracking-tight">{thread.subject ?? "Conversation"}</h1>
        <p className="text-sm text-slate-600">
          {thread.member.name} · {thread.team?.name ?? "Triage"}
        </p>
      </div>
      {thread.access.via === "emergency" && thread.access.expiresAt && <EmergencyAccessBanner expiresAt={thread.access.expiresAt} />}
      <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)_17rem]">
        <div className="order-2 lg:order-1">
          <MemberContextPanel context={context} showDocuments={memberContextFieldsFor(actor.role).has("documents")} />
        </div>
        <div className="order-1 lg:order-2">
          <ConsoleConversation
            threadId={thread.id}
            initialMessages={newest}
            ticketStatus={(ticket?.status ?? null) as TicketStatus | null}
            me={{ id: actor.userId, name: actor.name, role: actor.role }}
          />
        </div>
        <div className="order-3">{ticket ? <TicketSidebar initial={ticket} meId={actor.userId} /> : <p className="text-sm text-slate-500">No ticket.</p>}</div>
      </div>
    </div>
  );
}
