import { ListSkeleton } from "@/components/ui/list-skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-3xl">
      <ListSkeleton rows={4} label="Loading who has seen your messages" />
    </div>
  );
}
