import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { loadWithCursorOrStartOver } from "@/lib/http/page-cursor";
import { listMyAccessLog } from "@/lib/domain/audit/list-my-access-log";
import { AccessReport } from "@/components/audit/access-report";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Who has seen my messages" };

type SearchParams = Promise<{ before?: string | string[] }>;

/** "Who has seen my messages": the member's own report of staff accesses. */
export default async function AccessLogPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor(["MEMBER"]);
  const { before } = await searchParams;
  const cursor = typeof before === "string" ? before : undefined;
  // A cursor mangled in the address bar (or overlong: the schema's ZodError): start again from the latest.
  const page = await loadWithCursorOrStartOver(cursor, "/messages/access", () => listMyAccessLog(actor, cursor ? { cursor } : {}));

  return (
    <section aria-labelledby="access-heading" className="mx-auto max-w-3xl space-y-4">
      <div>
        <Link href="/messages" className="text-sm font-medium text-brand-700 hover:underline">
          ← Messages
        </Link>
        <h1 id="access-heading" className="mt-1 text-2xl font-semibold tracking-tight">
          Who has seen my messages
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Every time someone on your care team opens one of your conversations, a file you shared or your member details, it is
          recorded. Here is who, what and when. Views of the same thing by the same person within an hour are shown once.
        </p>
      </div>
      {page.items.length === 0 ? (
        <EmptyState title={cursor ? "Nothing earlier" : "No one on staff has opened your messages yet"}>
          When your care team reads your messages, you will see it here.
        </EmptyState>
      ) : (
        <AccessReport items={page.items} />
      )}
      <nav aria-label="Access report pages" className="flex gap-4 text-sm">
        {cursor && (
          <Link href="/messages/access" className="font-medium text-brand-700 hover:underline">
            ← Latest
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/messages/access?before=${encodeURIComponent(page.nextCursor)}`} className="font-medium text-brand-700 hover:underline">
            Earlier →
          </Link>
        )}
      </nav>
      <p className="text-xs text-slate-500">If something here looks wrong to you, send your care team a message or call member services.</p>
    </section>
  );
}
