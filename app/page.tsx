import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/get-actor";
import { homePathForRole } from "@/lib/access/roles";

export const dynamic = "force-dynamic";

/** Role-based landing: members to their messages, staff to the console, others to administration. */
export default async function Home() {
  const actor = await getActor();
  redirect(actor ? homePathForRole(actor.role) : "/sign-in");
}
