import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { staffRoles } from "@/lib/access/roles";
import { listMentions } from "@/lib/domain/collaborators/list-mentions";
import { MentionsList } from "@/components/console/mentions-list";

export const metadata: Metadata = { title: "Mentions" };

const limit = 50;

/** Conversations where a colleague @mentioned the signed-in staff member. */
export default async function MentionsPage() {
  const actor = await requireActor(staffRoles);
  const initial = await listMentions(actor, { limit });
  return <MentionsList initial={initial} limit={limit} now={Date.now()} />;
}
