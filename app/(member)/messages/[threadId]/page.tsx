import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/require-actor";
import { orNotFound } from "@/lib/http/or-not-found";
import { getThread } from "@/lib/domain/threads/get-thread";
import { listMessages } from "@/lib/domain/messages/list-messages";
import { MemberThread } from "@/components/member/member-thread";
import { threadPageSize } from "@/lib/api/query-keys";

export const metadata: Metadata = { title: "Conversation" };

export default async function MemberThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const actor = await requireActor(["MEMBER"]);
  const { threadId } = await params;
  if (!z.uuid().safeParse(threadId).success) notFound();
  const thread = await orNotFound(getThread(actor, threadId));
  // Members' message lists never include internal notes (the domain filters them out), so
  // nothing internal reaches this page's serialized data.
  // The newest page; older ones load as the member scrolls up (components/thread).
  const newest = await listMessages(actor, threadId, { limit: threadPageSize });
  return (
    <MemberThread
      threadId={thread.id}
      subject={thread.subject}
      teamName={!thread.team || thread.team.kind === "CONCIERGE" ? "your care team" : thread.team.name}
      initialMessages={newest}
      me={{ id: actor.userId, name: actor.name, role: actor.role }}
    />
  );
}
