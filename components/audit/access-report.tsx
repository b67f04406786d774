import Link from "next/link";
import type { AccessLogEntry } from "@/lib/domain/audit/list-my-access-log";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "./local-time";

const what: Record<AccessLogEntry["kind"], string> = {
  conversation: "Viewed your conversation",
  emergency_access: "Opened your conversation with emergency access",
  file_viewed: "Viewed a file in your conversation",
  file_downloaded: "Downloaded a file from your conversation",
  member_details: "Viewed your member details",
  documents: "Viewed the list of your documents",
};

/** "Who has seen my messages", for the member: who on staff, what, when. */
export function AccessReport({ items }: { items: AccessLogEntry[] }) {
  return (
    <DataTable columns={[{ label: "When" }, { label: "Who" }, { label: "What" }]}>
      {items.map((entry) => (
        <tr key={entry.id} data-testid="access-row">
          <td className="whitespace-nowrap px-4 py-3 align-top text-slate-600">
            <LocalTime iso={entry.firstAt} until={entry.lastAt} />
          </td>
          <td className="px-4 py-3 align-top">
            <span className="font-medium text-slate-900">{entry.staff.name}</span>
            <span className="block text-xs text-slate-500">{entry.staff.roleLabel}</span>
          </td>
          <td className="px-4 py-3 align-top">
            {what[entry.kind]}
            {entry.conversation && (
              <>
                {" "}
                <Link href={`/messages/${entry.conversation.id}`} className="font-medium text-brand-700 underline">
                  {entry.conversation.subject ?? "Conversation"}
                </Link>
              </>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
