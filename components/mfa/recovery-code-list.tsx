"use client";

import { useState } from "react";

/** Recovery codes, shown once: never stored in the browser, only hashes on the server. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label="Recovery codes" className="space-y-3 rounded-2xl border border-emerald-300 bg-emerald-50 p-4">
      <p className="text-sm font-semibold text-emerald-900">Your recovery codes — shown only this once</p>
      <p className="text-sm text-emerald-900">
        Each code signs you in once instead of a code from your phone. Keep them somewhere safe and apart from your phone (print them,
        or a password manager).
      </p>
      <ol data-testid="recovery-codes" className="grid grid-cols-1 gap-1 font-mono text-base sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="select-all rounded bg-white px-2 py-1">
            {code}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
        onClick={() => {
          void navigator.clipboard?.writeText(codes.join("\n")).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? "Copied" : "Copy all"}
      </button>
    </section>
  );
}
