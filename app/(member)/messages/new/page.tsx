import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { listMemberChannels } from "@/lib/domain/threads/list-member-channels";
import { NewConversationForm } from "@/components/member/new-conversation-form";

export const metadata: Metadata = { title: "New conversation" };

export default async function NewConversationPage() {
  const actor = await requireActor(["MEMBER"]);
  const channels = await listMemberChannels(actor);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/messages" className="text-sm font-medium text-brand-700 hover:underline">
        ← All conversations
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">New conversation</h1>
      <p className="text-sm text-slate-600">Your team usually answers within a few hours on weekdays. In an emergency, call 911.</p>
      <NewConversationForm channels={channels} />
    </div>
  );
}
