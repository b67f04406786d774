import { ListSkeleton } from "@/components/ui/list-skeleton";

// Lives in the (list) group so it wraps only the list: a thread page must not start
// streaming before it knows whether to answer 404.
export default function Loading() {
  return (
    <div className="mx-auto max-w-2xl">
      <ListSkeleton rows={4} label="Loading your conversations" />
    </div>
  );
}
