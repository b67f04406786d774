/**
 * Page guards. A signed-out visitor is sent to sign in; a signed-in user whose role does
 * not belong on a face gets a plain 404 — the page reveals nothing, not even that it exists.
 */
import { notFound, redirect } from "next/navigation";
import type { Actor } from "../access/actor";
import type { Role } from "../access/roles";
import { getActor } from "./get-actor";

export async function requireActor(allowed?: readonly Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (allowed && !allowed.includes(actor.role)) notFound();
  return actor;
}
