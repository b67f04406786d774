const tones: Record<string, string> = {
  NEW: "bg-sky-100 text-sky-800",
  OPEN: "bg-amber-100 text-amber-900",
  PENDING: "bg-violet-100 text-violet-800",
  ON_HOLD: "bg-slate-200 text-slate-800",
  SOLVED: "bg-emerald-100 text-emerald-800",
  CLOSED: "bg-slate-100 text-slate-600",
};

const labels: Record<string, string> = { ON_HOLD: "On hold" };

export function StatusBadge({ status }: { status: string }) {
  const label = labels[status] ?? status.charAt(0) + status.slice(1).toLowerCase();
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${tones[status] ?? tones.CLOSED}`}>{label}</span>;
}
