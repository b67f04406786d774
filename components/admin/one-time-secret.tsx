"use client";

import { useState } from "react";
import { buttonClass } from "./styles";

/**
 * A password or key shown once. It is never stored in the browser and never shown again:
 * the admin copies it now and hands it over through a safe channel.
 */
export function OneTimeSecret({ label, value, children }: { label: string; value: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label={label} className="space-y-3 rounded-2xl border border-emerald-300 bg-emerald-50 p-4">
      <p className="text-sm font-semibold text-emerald-900">{label} — shown only this once</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="one-time-secret" className="select-all break-all rounded-md border border-emerald-200 bg-white px-3 py-2 font-mono text-sm">
          {value}
        </code>
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <div className="text-sm text-emerald-900">
        {children ?? "Copy it now. It cannot be shown again: only a one-way hash of it is kept."}
      </div>
    </section>
  );
}
