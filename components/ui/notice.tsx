/** A polite, non-blocking notice (amber): stale data, a flagged state, a signed-out reason. */
export function Notice({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <p role="status" className={`rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 ${className}`}>
      {children}
    </p>
  );
}
