import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/require-actor";
import { loadWithCursorOrStartOver } from "@/lib/http/page-cursor";
import { listEmergencyAccesses } from "@/lib/domain/emergency-access/list-emergency-accesses";
import { EmergencyReviewTable } from "@/components/emergency-access/emergency-review-table";

export const metadata: Metadata = { title: "Emergency access reviews" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Compliance only: the (admin) layout lets administrators in, this page answers them 404. */
export default async function EmergencyReviewsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor(["COMPLIANCE"]);
  const query = await searchParams;
  const status = query.status === "all" ? "all" : "unreviewed";
  const cursor = typeof query.cursor === "string" ? query.cursor : undefined;
  // A cursor that cannot be read (mangled in the address bar): back to the first page.
  const firstPage = status === "all" ? "/admin/emergency-reviews?status=all" : "/admin/emergency-reviews";
  const list = await loadWithCursorOrStartOver(cursor, firstPage, () => listEmergencyAccesses(actor, { status, ...(cursor ? { cursor } : {}) }));
  return <EmergencyReviewTable status={status} {...list} />;
}
