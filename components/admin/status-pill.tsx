/** Active / deactivated (or archived, revoked): a word, not only a colour. */
export function StatusPill({ active, inactiveLabel = "Deactivated", activeLabel = "Active" }: { active: boolean; inactiveLabel?: string; activeLabel?: string }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${active ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}>
      {active ? activeLabel : inactiveLabel}
    </span>
  );
}
