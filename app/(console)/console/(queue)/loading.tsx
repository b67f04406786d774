import { ListSkeleton } from "@/components/ui/list-skeleton";

// In the (queue) group so it wraps only the queue, never a thread page (see the member list).
export default function Loading() {
  return <ListSkeleton rows={8} label="Loading the queue" />;
}
