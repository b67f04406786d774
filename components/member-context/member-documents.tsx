"use client";

/**
 * The member's documents beside the thread: clean files from the conversations the viewer
 * may open. Shown only to roles granted the `documents` field; should the API still answer
 * 404 (the grant changed), the section disappears.
 */
import { useQuery } from "@tanstack/react-query";
import type { AttachmentView } from "@/lib/domain/attachments/schemas";
import { api, ApiError } from "@/components/api/api-client";
import { AttachmentList } from "@/components/attachments/attachment-list";

const notAllowed = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 403);

export function MemberDocuments({ memberId }: { memberId: string }) {
  const documents = useQuery({
    queryKey: ["member-documents", memberId],
    queryFn: async () => (await api.get<{ items: AttachmentView[] }>(`/members/${memberId}/documents`)).items,
    retry: (count, error) => !notAllowed(error) && count < 1,
    refetchInterval: (query) => (notAllowed(query.state.error) ? false : 30_000),
  });

  if (documents.isError && notAllowed(documents.error)) return null;

  return (
    <div className="mt-3" data-testid="member-documents">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Documents</h3>
      {documents.isPending ? (
        <p className="mt-1 text-slate-500" role="status">
          Loading documents…
        </p>
      ) : documents.isError && !documents.data ? (
        <p className="mt-1 text-slate-500">Documents could not be loaded.</p>
      ) : documents.data.length === 0 ? (
        <p className="mt-1 text-slate-500">No documents yet.</p>
      ) : (
        <AttachmentList items={documents.data} label="Member documents" />
      )}
    </div>
  );
}
