/** Placeholder rows while a list loads. Announced once to screen readers. */
export function ListSkeleton({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div className="animate-pulse space-y-3" role="status" aria-label={label}>
      <div className="h-8 w-56 rounded bg-slate-200" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-14 rounded-2xl bg-slate-200/70" />
      ))}
    </div>
  );
}
