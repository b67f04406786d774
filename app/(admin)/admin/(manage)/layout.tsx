import { requireActor } from "@/lib/auth/require-actor";

/**
 * Teams, people and API clients are for admins only. Checked here, in a layout above every
 * loading state, so compliance (who shares the /admin face) gets a true 404 page without
 * the face's navigation — a check inside a streamed page could only answer 200.
 */
export default async function ManageLayout({ children }: { children: React.ReactNode }) {
  await requireActor(["ADMIN"]);
  return children;
}
