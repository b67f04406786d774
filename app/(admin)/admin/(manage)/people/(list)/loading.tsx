import { ListSkeleton } from "@/components/ui/list-skeleton";

// In the (list) group so it wraps only the list, never a person's page (which answers 404 for an unknown id).
export default function Loading() {
  return <ListSkeleton rows={8} label="Loading people" />;
}
