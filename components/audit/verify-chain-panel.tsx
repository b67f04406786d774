"use client";

import { useMutation } from "@tanstack/react-query";
import { api } from "@/components/api/api-client";
import type { ChainVerification } from "@/lib/domain/audit/verify-audit-chain";

const problems: Record<NonNullable<ChainVerification["firstBroken"]>["problem"], string> = {
  hash_mismatch: "the audit row no longer matches its seal: it was changed after it was sealed",
  prev_mismatch: "the seal does not link to the one before it",
  missing_row: "the sealed audit row has been removed",
  gap: "seals are missing from the chain",
  unkeyed_seal: "a seal was recomputed without the sealing key",
  anchor_mismatch: "the seal differs from the chain head recorded outside the database: the history was re-sealed",
  truncated: "the newest seals were removed: the chain ends before the head recorded outside the database",
  anchor_invalid: "a chain head recorded outside the database does not check: it was edited or forged",
  anchors_missing: "no chain head is recorded outside the database (the anchor store is empty or unreadable), so a chain recomputed without the key cannot be told apart",
  stale_unsealed: "audit rows have stayed unsealed far longer than the sealer needs: sealing is stopped or held off",
};

/** "Verify audit chain": walks the whole chain on the server (GET /api/v1/audit/verify). */
export function VerifyChainPanel() {
  const verify = useMutation({ mutationFn: () => api.get<ChainVerification>("/audit/verify") });
  const result = verify.data;
  return (
    <section aria-labelledby="verify-heading" className="space-y-3 rounded-2xl border border-slate-200 bg-white p-4">
      <h2 id="verify-heading" className="text-lg font-semibold">
        Audit chain
      </h2>
      <p className="text-sm text-slate-600">
        Every audit row is sealed into a hash chain a few seconds after it is written. Verifying recomputes every link, so a row
        changed or removed behind the application&apos;s back shows. The check is itself recorded.
      </p>
      <button
        type="button"
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {verify.isPending ? "Verifying…" : "Verify audit chain"}
      </button>
      <div aria-live="polite">
        {verify.isError && (
          <p role="alert" className="text-sm text-red-700">
            {verify.error.message}
          </p>
        )}
        {result && result.ok && (
          <p data-testid="verify-result" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <strong>The chain is intact.</strong> {result.sealed.toLocaleString("en-US")} sealed rows checked
            {result.unsealed > 0 && <>; {result.unsealed.toLocaleString("en-US")} recent rows are waiting to be sealed</>}.
            {result.head && (
              <span className="mt-1 block break-all font-mono text-xs text-emerald-800">
                Head: seq {result.head.seq}, {result.head.hash}
              </span>
            )}
            <span className="mt-1 block text-xs">
              {result.anchors.latestSeq
                ? `Checked against ${result.anchors.count.toLocaleString("en-US")} chain heads recorded outside the database (up to seq ${result.anchors.latestSeq}).`
                : "No chain head is recorded outside the database yet, so a removed tail could not be detected."}
              {result.unkeyed > 0 && ` ${result.unkeyed.toLocaleString("en-US")} older seals were written before keyed sealing.`}
            </span>
          </p>
        )}
        {result && result.firstBroken && (
          <p data-testid="verify-result" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            <strong>The chain is broken</strong> at seq {result.firstBroken.seq ?? "unknown"}
            {result.firstBroken.auditId && <> (audit row {result.firstBroken.auditId})</>}: {problems[result.firstBroken.problem]}.
          </p>
        )}
      </div>
    </section>
  );
}
