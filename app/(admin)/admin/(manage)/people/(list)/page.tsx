import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { loadWithCursorOrStartOver } from "@/lib/http/page-cursor";
import { listPeople } from "@/lib/domain/admin/list-people";
import { listPeopleSchema } from "@/lib/domain/admin/schemas";
import { listAdminTeams } from "@/lib/domain/teams/list-admin-teams";
import { PeopleFilters, type PeopleFilterValues } from "@/components/admin/people-filters";
import { PeopleTable } from "@/components/admin/people-table";
import { buttonClass } from "@/components/admin/styles";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "People · Administration" };

type Search = Record<string, string | string[] | undefined>;

/** Keeps the parameters the list understands; a stray or malformed one is dropped, not an error page. */
function filtersFrom(search: Search): PeopleFilterValues & { cursor?: string } {
  const one = (key: string) => (typeof search[key] === "string" && search[key] !== "" ? search[key] : undefined);
  const { shape } = listPeopleSchema;
  const valid = <T,>(parsed: { success: true; data: T } | { success: false }): T | undefined => (parsed.success ? parsed.data : undefined);
  return {
    q: valid(shape.q.safeParse(one("q"))),
    type: valid(shape.type.safeParse(one("type"))),
    status: valid(shape.status.safeParse(one("status"))),
    teamId: valid(shape.teamId.safeParse(one("teamId"))),
    cursor: valid(shape.cursor.safeParse(one("cursor"))),
  };
}

function pageHref(filters: PeopleFilterValues, cursor?: string): string {
  const params = new URLSearchParams(Object.entries({ ...filters, cursor }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const query = params.toString();
  return query ? `/admin/people?${query}` : "/admin/people";
}

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor(["ADMIN"]);
  const { cursor, ...filters } = filtersFrom(await searchParams);
  const [page, teams] = await Promise.all([
    // A cursor that passes the schema but cannot be decoded: back to the first page, filters kept.
    loadWithCursorOrStartOver(cursor, pageHref(filters), () => listPeople(actor, { ...filters, cursor, limit: 25 })),
    filters.teamId ? listAdminTeams(actor, { archived: "true" }) : null,
  ]);
  const teamName = teams?.items.find((t) => t.id === filters.teamId)?.name ?? null;
  const filtered = Boolean(filters.q || filters.type || filters.status || filters.teamId);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">People</h1>
        <Link href="/admin/people/new" className={buttonClass("primary")}>
          New staff account
        </Link>
      </div>
      <PeopleFilters values={filters} teamName={teamName} />
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "Nobody matches" : "Nobody here yet"}>{filtered ? "Try another name, or clear the filters." : null}</EmptyState>
      ) : (
        <PeopleTable people={page.items} />
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {cursor ? (
          <Link href={pageHref(filters)} className="font-medium text-brand-700 hover:underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link href={pageHref(filters, page.nextCursor)} className="font-medium text-brand-700 hover:underline">
            Next page →
          </Link>
        )}
      </nav>
    </div>
  );
}
