/** "5 min ago" style times with the exact time in a tooltip and for screen readers. */
export function RelativeTime({ iso, now = Date.now() }: { iso: string; now?: number }) {
  const date = new Date(iso);
  const minutes = Math.round((now - date.getTime()) / 60_000);
  let text: string;
  if (minutes < 1) text = "just now";
  else if (minutes < 60) text = `${minutes} min ago`;
  else if (minutes < 24 * 60) text = `${Math.round(minutes / 60)} h ago`;
  else if (minutes < 7 * 24 * 60) text = `${Math.round(minutes / (24 * 60))} d ago`;
  else text = date.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
  return (
    <time dateTime={iso} title={date.toLocaleString("en-US")}>
      {text}
    </time>
  );
}
